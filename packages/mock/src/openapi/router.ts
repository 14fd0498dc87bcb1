/**
 * Path-template router compiled once at start-up: a segment trie where literal segments win over
 * templated ones, so each request costs a few map look-ups rather than a scan over every path.
 */
interface Dynamic<T> {
  /** null for a whole-segment `{id}`; a regex for a mixed segment like `{id}.json`. */
  regex: RegExp | null;
  node: Node<T>;
}
interface Node<T> {
  literal: Map<string, Node<T>>;
  dynamic: Dynamic<T>[];
  /** Parameter names of the template ending here, in order (branches are shared by position). */
  leaf?: { value: T; names: string[] };
}

export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

const newNode = <T>(): Node<T> => ({ literal: new Map(), dynamic: [] });

export class PathRouter<T> {
  private root: Node<T> = newNode();

  add(template: string, value: T): void {
    let node = this.root;
    const names: string[] = [];
    for (const seg of split(template)) {
      if (!seg.includes('{')) {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
        continue;
      }
      let regex: RegExp | null = null;
      const whole = /^\{([^}]+)\}$/.exec(seg);
      if (whole) names.push(whole[1]!);
      else {
        const src = seg.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, lit: string | undefined) => {
          if (name) {
            names.push(name);
            return '([^/]+?)';
          }
          return lit!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        });
        regex = new RegExp(`^${src}$`);
      }
      let dyn = node.dynamic.find((d) => (d.regex?.source ?? null) === (regex?.source ?? null));
      if (!dyn) {
        dyn = { regex, node: newNode() };
        // Mixed segments (with literal text) are tried before bare `{param}` ones.
        if (regex) node.dynamic.unshift(dyn);
        else node.dynamic.push(dyn);
      }
      node = dyn.node;
    }
    if (!node.leaf) node.leaf = { value, names };
  }

  match(pathname: string): RouteMatch<T> | undefined {
    const values: string[] = [];
    const leaf = walk(this.root, split(pathname), 0, values);
    if (!leaf) return undefined;
    const params: Record<string, string> = {};
    leaf.names.forEach((n, k) => (params[n] = safeDecode(values[k] ?? '')));
    return { value: leaf.value, params };
  }
}

function walk<T>(node: Node<T>, segs: string[], i: number, values: string[]): Node<T>['leaf'] {
  if (i === segs.length) return node.leaf;
  const seg = segs[i]!;
  const lit = node.literal.get(seg);
  if (lit) {
    const v = walk(lit, segs, i + 1, values);
    if (v) return v;
  }
  for (const d of node.dynamic) {
    let got: string[];
    if (d.regex) {
      const m = d.regex.exec(seg);
      if (!m) continue;
      got = m.slice(1);
    } else {
      if (seg === '') continue;
      got = [seg];
    }
    const mark = values.length;
    values.push(...got);
    const v = walk(d.node, segs, i + 1, values);
    if (v) return v;
    values.length = mark;
  }
  return undefined;
}
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function split(p: string): string[] {
  const trimmed = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  return trimmed.split('/').slice(1);
}
