/**
 * A threshold read on each holder's first-subscription date (`readOn:
 * first-subscription`) is resolved once per stretch of dates where nothing
 * changes (session.ts, DateSegments). Held here to the session's own
 * parameterAt on every day across the law's commencement, a house pack's
 * dated values and the house pack's own in-force dates, in date order and
 * shuffled, and read the way the evaluators read it (through the run context).
 */
import { describe, expect, it } from 'vitest';
import { EvaluationSession } from '../../src/engine/session.js';
import { addCalendarDays, type CalendarDate } from '../../src/model/calendar-date.js';
import { loadPackFromObject, tn89Pack, type PackInput } from '../../src/index.js';

const ID = 'hnw-minimum-first-subscription';
const house = { notice: { th: 'นโยบายบริษัท', en: 'House policy' } };

/** A house pack in force 2018-07-01 to 2021-06-30 with a stricter threshold in two dated steps (and a gap before the first). */
function housePack(): PackInput {
  return {
    meta: { id: 'house', version: '1.0.0', notice: house.notice, title: house.notice, announced: '2018-01-01', inForce: { from: '2018-07-01', to: '2021-06-30', citation: house } },
    parameters: [
      {
        id: ID,
        override: true,
        readOn: 'first-subscription',
        description: { th: 'เกณฑ์ของบริษัท', en: 'House threshold' },
        type: 'money',
        values: [
          { from: '2019-01-01', to: '2019-12-31', value: '1000000', citation: house },
          { from: '2020-01-01', value: '2000000', citation: house },
        ],
      },
    ],
  } as PackInput;
}

function days(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) out.push(day);
  return out;
}

/** A fixed shuffle (xorshift), so a failure repeats. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 0x2558;
  for (let i = out.length - 1; i > 0; i--) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const j = (seed >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('a threshold read on each first subscription\'s date', () => {
  const law = tn89Pack();
  const session = EvaluationSession.open({ asOf: '2024-06-30', packs: [law, loadPackFromObject(housePack())] });
  const group = session.groupsFor('unitholder').find((g) => g.pack === law)!;
  const read = (on: CalendarDate) => {
    const facts = { unitholder: { firstSubscription: { date: on } } };
    return session.context(group, facts).parameter(ID, facts);
  };
  const all = days('2015-12-01', '2022-12-31');

  it('is the value in force on that date: none before the notice, the law\'s, then the house pack\'s steps while it is in force', () => {
    expect(read('2016-01-15')).toEqual({ value: null, packId: 'tn-89-2558' });
    expect(read('2016-01-16')).toEqual({ value: '500000', packId: 'tn-89-2558' });
    // The house pack is in force from 2018-07-01, but has no value before 2019: the law's.
    expect(read('2018-12-31')).toEqual({ value: '500000', packId: 'tn-89-2558' });
    expect(read('2019-01-01')).toEqual({ value: '1000000', packId: 'house' });
    expect(read('2019-12-31')).toEqual({ value: '1000000', packId: 'house' });
    expect(read('2020-01-01')).toEqual({ value: '2000000', packId: 'house' });
    expect(read('2021-06-30')).toEqual({ value: '2000000', packId: 'house' });
    // The house pack no longer in force: the law's again.
    expect(read('2021-07-01')).toEqual({ value: '500000', packId: 'tn-89-2558' });
  });

  it('gives what parameterAt gives on every day, whatever order the holders come in', () => {
    for (const order of [all, shuffled(all), [...all].reverse()]) {
      for (const on of order) expect(read(on), on).toEqual(session.parameterAt(law, ID, on, 'null'));
    }
  });
});
