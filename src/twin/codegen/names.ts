// Safe printing of names and values into generated TypeScript.
// Input: names from the user's file (instance paths, type and file names) and parameter values.
// Output: identifiers matching [A-Za-z_][A-Za-z0-9_]* that are no reserved word and no name
//   the module already uses (a mangled form otherwise, made unique); string literals;
//   comment text that cannot end its comment; numbers in their shortest round-trip form.
// Invariants: a user's name reaches the module only through `Identifiers.take` (validated or
//   mangled), `str` (JSON.stringify, with U+2028/U+2029 escaped) or `commentText`; printing
//   is deterministic, so the same input gives the same bytes.

/** JavaScript and TypeScript reserved words, strict-mode ones, and globals not to shadow. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'arguments', 'eval', 'as', 'any', 'async', 'boolean', 'constructor', 'declare', 'get', 'infer', 'is', 'keyof',
  'module', 'namespace', 'never', 'readonly', 'require', 'number', 'object', 'set', 'string', 'symbol', 'type',
  'from', 'of', 'unique', 'unknown', 'global', 'undefined', 'NaN', 'Infinity', 'globalThis', 'bigint',
  'accessor', 'asserts', 'out', 'override', 'satisfies', 'abstract', 'prototype', '__proto__',
]);

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isSafeIdentifier(s: string): boolean {
  return IDENT.test(s) && !RESERVED.has(s);
}

/** Allocates unique safe identifiers in one scope. */
export class Identifiers {
  private readonly used: Set<string>;
  constructor(taken: Iterable<string> = []) { this.used = new Set(taken); }

  /** A safe, unused identifier for `name` (kept when it is one already). */
  take(name: string, suffix = ''): string {
    let base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') + suffix;
    if (base === '' || /^[0-9]/.test(base)) base = `_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let id = base, i = 2;
    while (this.used.has(id) || !isSafeIdentifier(id)) id = `${base}_${i++}`;
    this.used.add(id);
    return id;
  }

  has(id: string): boolean { return this.used.has(id); }
}

/** A string literal (JSON.stringify; U+2028/U+2029 escaped for older parsers). */
export function str(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Text safe inside a // or /* comment: line terminators (including U+2028/U+2029) and
 * other control characters are escaped, and `*\/` cannot close a block comment.
 */
export function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\*\//g, '*\\/');
}

/** A user's name inside a comment: quoted, escaped. */
export function quoted(s: string): string {
  return commentText(str(s));
}

/** A number literal: the shortest round-trip form (String(x)), -0, NaN and the infinities. */
export function num(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return String(x);
}

/** An object key: bare when a safe identifier, a string literal otherwise (never a bare __proto__). */
export function key(k: string): string {
  if (k === '__proto__') return `[${str(k)}]`;
  return IDENT.test(k) ? k : str(k);
}

/** A parameter value as a literal: numbers as num(), strings as str(), arrays and records inline. */
export function literal(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return str(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, literal).join(', ')}]`;
  if (typeof v === 'object') {
    const es = Object.entries(v as Record<string, unknown>);
    return es.length === 0 ? '{}' : `{ ${es.map(([k, x]) => `${key(k)}: ${literal(x)}`).join(', ')} }`;
  }
  throw new Error(`codegen: cannot print a ${typeof v} as a literal`);
}
