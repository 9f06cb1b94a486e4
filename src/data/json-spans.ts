// A JSON parser that keeps source offsets, so that data readers can name the line of a bad
// element. Input: any text. Output: a tree of JNode with [start, end) UTF-16 offsets, or the
// offset and reason of the first syntax error. Invariants: accepts exactly RFC 8259 JSON
// (after an optional byte-order mark); never throws, whatever the text; nesting deeper than
// MAX_DEPTH is an error rather than a stack overflow; duplicate object keys are kept in order
// (the reader decides what they mean).

export type JNode =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'bool'; value: boolean; start: number; end: number }
  | { kind: 'null'; start: number; end: number }
  | { kind: 'array'; items: JNode[]; start: number; end: number }
  | { kind: 'object'; entries: JEntry[]; start: number; end: number };

export interface JEntry { key: string; keyStart: number; value: JNode }

export type JParse = { ok: true; value: JNode } | { ok: false; offset: number; reason: string };

export const MAX_DEPTH = 64;

class JsonSyntaxError {
  constructor(readonly offset: number, readonly reason: string) {}
}

const ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const c = text.codePointAt(i)!;
  return c >= 0x20 && c < 0x7f ? `'${String.fromCodePoint(c)}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

class Parser {
  i: number;
  constructor(readonly text: string) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  fail(reason: string, at = this.i): never {
    throw new JsonSyntaxError(at, reason);
  }

  ws(): void {
    const s = this.text;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else break;
    }
  }

  value(depth: number): JNode {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.ws();
    const s = this.text;
    const start = this.i;
    const c = s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { kind: 'string', value: this.string(), start, end: this.i };
    if (c === 't' && s.startsWith('true', this.i)) { this.i += 4; return { kind: 'bool', value: true, start, end: this.i }; }
    if (c === 'f' && s.startsWith('false', this.i)) { this.i += 5; return { kind: 'bool', value: false, start, end: this.i }; }
    if (c === 'n' && s.startsWith('null', this.i)) { this.i += 4; return { kind: 'null', start, end: this.i }; }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(s);
    if (m && m[0].length > 0) {
      this.i += m[0].length;
      return { kind: 'number', value: Number(m[0]), start, end: this.i };
    }
    return this.fail(`expected a value but found ${describe(s, this.i)}`);
  }

  object(depth: number): JNode {
    const start = this.i++;
    const entries: JEntry[] = [];
    this.ws();
    if (this.text[this.i] === '}') { this.i++; return { kind: 'object', entries, start, end: this.i }; }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail(`expected a quoted key but found ${describe(this.text, this.i)}`);
      const keyStart = this.i;
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail(`expected ':' but found ${describe(this.text, this.i)}`);
      this.i++;
      entries.push({ key, keyStart, value: this.value(depth + 1) });
      this.ws();
      const c = this.text[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === '}') { this.i++; return { kind: 'object', entries, start, end: this.i }; }
      this.fail(`expected ',' or '}' but found ${describe(this.text, this.i)}`);
    }
  }

  array(depth: number): JNode {
    const start = this.i++;
    const items: JNode[] = [];
    this.ws();
    if (this.text[this.i] === ']') { this.i++; return { kind: 'array', items, start, end: this.i }; }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.text[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === ']') { this.i++; return { kind: 'array', items, start, end: this.i }; }
      this.fail(`expected ',' or ']' but found ${describe(this.text, this.i)}`);
    }
  }

  string(): string {
    const s = this.text;
    const open = this.i++;
    let out = '';
    let run = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(run, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('control character in a string (escape it)');
      if (c === 0x5c) {
        out += s.slice(run, this.i);
        const e = s[this.i + 1];
        const simple = e === undefined ? undefined : ESCAPES.get(e);
        if (simple !== undefined) {
          out += simple;
          this.i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          this.fail('invalid escape in a string');
        }
        run = this.i;
        continue;
      }
      this.i++;
    }
    return this.fail('unterminated string', open);
  }
}

/** Parses `text` as one JSON value. Never throws. */
export function parseJsonWithSpans(text: string): JParse {
  const p = new Parser(text);
  try {
    const value = p.value(0);
    p.ws();
    if (p.i < text.length) return { ok: false, offset: p.i, reason: `unexpected ${describe(text, p.i)} after the JSON value` };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, offset: e.offset, reason: e.reason };
    return { ok: false, offset: p.i, reason: `cannot parse: ${e instanceof Error ? e.message : String(e)}` };
  }
}
