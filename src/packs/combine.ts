import { formatPath, PackError, type PackIssueCode, type ValidationIssue } from '../model/errors.js';
import type { LoadedPack } from './load.js';
import type { Localized, Parameter, Rule } from './schema.js';

/** A rule as it will be evaluated: the version of the pack that decides, and the pack it replaced, if any. */
export interface PlannedRule {
  rule: Rule;
  pack: LoadedPack;
  replaces?: string;
}

export interface DisabledRule {
  rule: Rule;
  /** The pack the rule belongs to. */
  pack: LoadedPack;
  /** The pack that disabled it, and why. */
  by: string;
  reason: Localized;
}

export interface Override {
  kind: 'rule' | 'parameter';
  id: string;
  /** The pack whose version now decides. */
  by: string;
  /** The pack whose version it replaced. */
  replaces: string;
}

/** Several packs evaluated together: later packs add, override and disable. */
export interface PackPlan {
  packs: readonly LoadedPack[];
  rules: PlannedRule[];
  disabled: DisabledRule[];
  overrides: Override[];
  /** Parameter id → the overriding pack and its parameter. */
  parameterOverrides: ReadonlyMap<string, { pack: LoadedPack; parameter: Parameter }>;
}

function problem(pack: LoadedPack, path: (string | number)[], message: string, code: PackIssueCode): ValidationIssue {
  return { file: pack.source, path, pointer: formatPath(path), message, code };
}

/**
 * Combine packs in order. A rule or parameter whose id an earlier pack already
 * has must say `override: true`; an override or a `disable` naming an id no
 * earlier pack has is an error — nothing is replaced or dropped silently.
 */
export function planPacks(packs: readonly LoadedPack[]): PackPlan {
  const issues: ValidationIssue[] = [];
  const rules: PlannedRule[] = [];
  const overrides: Override[] = [];
  const parameterOverrides = new Map<string, { pack: LoadedPack; parameter: Parameter }>();
  const parameterOwner = new Map<string, LoadedPack>();
  // Rule id → its index in `rules`: combining is linear in the number of rules, not quadratic.
  const ruleIndex = new Map<string, number>();
  const packIds = new Set<string>();

  for (const pack of packs) {
    if (packIds.has(pack.meta.id)) {
      issues.push(problem(pack, ['id'], `pack ${pack.meta.id} is given twice`, 'duplicate_id'));
      continue;
    }
    packIds.add(pack.meta.id);
    for (const rule of pack.rules) {
      const existing = ruleIndex.get(rule.id) ?? -1;
      if (existing < 0) {
        if (rule.override) issues.push(problem(pack, ['rules', rule.id, 'override'], `rule ${rule.id} overrides nothing: no earlier pack has a rule with this id`, 'override_of_nothing'));
        else {
          ruleIndex.set(rule.id, rules.length);
          rules.push({ rule, pack });
        }
      } else if (!rule.override) {
        issues.push(problem(pack, ['rules', rule.id, 'id'], `rule ${rule.id} is already in pack ${rules[existing]!.pack.meta.id}; set "override: true" to replace it, or choose another id`, 'id_taken'));
      } else {
        const replaces = rules[existing]!.pack.meta.id;
        rules[existing] = { rule, pack, replaces };
        overrides.push({ kind: 'rule', id: rule.id, by: pack.meta.id, replaces });
      }
    }
    for (const parameter of pack.parameters) {
      const owner = parameterOwner.get(parameter.id);
      if (!owner) {
        if (parameter.override) issues.push(problem(pack, ['parameters', parameter.id, 'override'], `parameter ${parameter.id} overrides nothing: no earlier pack has it`, 'override_of_nothing'));
        else parameterOwner.set(parameter.id, pack);
      } else if (parameter.override) {
        parameterOverrides.set(parameter.id, { pack, parameter });
        overrides.push({ kind: 'parameter', id: parameter.id, by: pack.meta.id, replaces: owner.meta.id });
      } else if (owner !== pack) {
        // Two packs may each keep a parameter of the same id for their own rules; only "override" reaches across.
        continue;
      }
    }
  }

  const disabled: DisabledRule[] = [];
  const removed = new Set<number>();
  for (const pack of packs) {
    pack.meta.disable.forEach((entry, index) => {
      const target = ruleIndex.get(entry.rule) ?? -1;
      if (target < 0 || removed.has(target)) {
        issues.push(problem(pack, ['disable', index, 'rule'], `cannot disable ${entry.rule}: no pack evaluated with this one has that rule`, 'disable_of_nothing'));
        return;
      }
      removed.add(target);
      const planned = rules[target]!;
      disabled.push({ rule: planned.rule, pack: planned.pack, by: pack.meta.id, reason: entry.reason });
    });
  }
  if (issues.length > 0) throw new PackError(issues);
  return { packs, rules: removed.size === 0 ? rules : rules.filter((_, i) => !removed.has(i)), disabled, overrides, parameterOverrides };
}
