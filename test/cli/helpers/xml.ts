/**
 * A small strict XML reader for tests: it throws on anything a conforming
 * parser would reject that our writers could produce (unbalanced or crossed
 * tags, unquoted or duplicate attributes, a raw "<" or a bare "&" in text or
 * attributes, an unknown entity, characters XML cannot hold, text or a second
 * element outside the root), and returns the element tree to query.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded (not its children's). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: string): string {
  if (FORBIDDEN.test(raw)) throw new Error(`${where}: a character XML cannot hold`);
  if (raw.includes('<')) throw new Error(`${where}: a raw "<"`);
  return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`${where}: a bare "&"`);
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`${where}: unknown entity &${name};`);
    return value;
  });
}

function parseAttributes(source: string, where: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let rest = source.trim();
  while (rest.length > 0) {
    const match = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"\s*/.exec(rest);
    if (!match) throw new Error(`${where}: malformed attributes at ${JSON.stringify(rest.slice(0, 40))}`);
    const [whole, name, value] = match as unknown as [string, string, string];
    if (name in attributes) throw new Error(`${where}: duplicate attribute ${name}`);
    attributes[name] = decode(value, `${where} @${name}`);
    rest = rest.slice(whole.length);
  }
  return attributes;
}

export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (text.length > 0) {
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (text.trim()) throw new Error(`text outside the root element: ${JSON.stringify(text.slice(0, 40))}`);
      } else parent.text += decode(text, `<${parent.name}> text`);
    }
    if (lt < 0) break;
    rest = rest.slice(lt);
    const gt = rest.indexOf('>');
    if (gt < 0) throw new Error('unterminated tag');
    const tag = rest.slice(1, gt);
    rest = rest.slice(gt + 1);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    const element: XmlElement = { name, attributes: parseAttributes(body.slice(name.length), `<${name}>`), children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new Error(`a second root element <${name}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element with this name, in document order. */
export function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}
