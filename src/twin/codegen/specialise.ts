// Specialised model classes: a runtime model class (src/twin/models/*.ts, macro-s1.ts)
// copied into a generated twin with one instance's constants folded into its event handlers.
// Input: the runtime class name, the name of the copy, and the constants of the instance the
//   copy is for (the primitive fields of the model buildTwin made, from the plan).
// Output: the copy's declaration text (typed state fields as in the runtime class; every
//   method with `this.<readonly primitive field>` and module constants replaced by literals
//   and folded, dead branches removed; the constructor unchanged apart from a last line that
//   checks the constants it computes are the folded ones), the module's private helpers it
//   needs (copied), and the names it takes from the runtime (its imports and what its own
//   module exports: values and types).
// Invariants: the runtime class's source is the only template (no second copy of any model
//   by hand); folding is exact (fold.ts); strings are folded only when they are plain words
//   (enum values), so no text from a user's file reaches code except through the literal
//   printer; a class that extends another is not specialised (null); output is deterministic.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { constantOf, foldNode, literalNode, type Constant } from './fold.js';
import { twinSourceDir } from './source-dir.js';

interface SourceInfo {
  file: string;          // relative to src/twin, '/' separators
  sf: ts.SourceFile;
  /** Top-level declarations by name (functions, classes, consts, interfaces, types). */
  decls: Map<string, ts.Statement>;
  /** Module-level numeric/boolean constants (`const IN = 0, OUT = 1`). */
  consts: Map<string, Constant>;
  /** Imported names -> type-only? */
  imports: Map<string, boolean>;
}

let sources: Map<string, SourceInfo> | null = null; // by class name
let allNames: Set<string> | null = null;

function scan(): Map<string, SourceInfo> {
  if (sources) return sources;
  sources = new Map();
  allNames = new Set();
  const root = twinSourceDir();
  if (!root) return sources;
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'codegen') walk(f); } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) files.push(f);
    }
  };
  walk(root);
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (!/^export class /m.test(text)) continue;
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const info: SourceInfo = { file: path.relative(root, f).split(path.sep).join('/'), sf, decls: new Map(), consts: new Map(), imports: new Map() };
    for (const s of sf.statements) {
      if (ts.isImportDeclaration(s)) {
        const nb = s.importClause?.namedBindings;
        if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) info.imports.set(e.name.text, Boolean(s.importClause?.isTypeOnly || e.isTypeOnly));
        continue;
      }
      if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
        info.decls.set(s.name.text, s);
      } else if (ts.isVariableStatement(s)) {
        const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
        for (const d of s.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          info.decls.set(d.name.text, s);
          const c = isConst && d.initializer ? constantOf(d.initializer) : undefined;
          if (c && typeof c.v !== 'string') info.consts.set(d.name.text, c.v);
        }
      }
    }
    for (const n of [...info.decls.keys(), ...info.imports.keys()]) allNames.add(n);
    for (const [name, s] of info.decls) if (ts.isClassDeclaration(s) && hasExport(s)) sources.set(name, info);
  }
  return sources;
}

function hasExport(s: ts.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Every top-level and imported name in the model sources (a generated module must not reuse them). */
export function modelSourceNames(): ReadonlySet<string> {
  scan();
  return allNames ?? new Set();
}

/** The source file of a runtime class, relative to src/twin, or null when it cannot be specialised. */
export function specialisable(ctor: string): string | null {
  const info = scan().get(ctor);
  if (!info) return null;
  const cls = info.decls.get(ctor) as ts.ClassDeclaration;
  return cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ? null : info.file;
}

/** A string constant is folded only when it is a plain word (an enum value), never free text. */
export function foldable(v: unknown): v is Constant {
  return v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && /^[A-Za-z0-9_.+-]{0,40}$/.test(v));
}

export interface Specialised {
  /** The class declaration (exported), with its doc comment. */
  text: string;
  /** Names of the module-level helpers it needs, with their declaration text (in source order). */
  helpers: Array<[string, string]>;
  /** Names imported from the runtime: value imports, and type-only ones. */
  values: string[];
  types: string[];
  /** The folded fields and their values. */
  folded: Array<[string, Constant]>;
  /** The runtime file it came from (relative to src/twin). */
  from: string;
}

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });

/**
 * The specialised copy of runtime class `ctor` named `name`, for an instance whose primitive
 * fields are `constants`; null when the class cannot be specialised.
 * `describe` is the doc comment's first line (already safe comment text).
 */
export function specialiseClass(ctor: string, name: string, constants: Readonly<Record<string, unknown>>, describe: string): Specialised | null {
  const info = scan().get(ctor);
  if (!info || specialisable(ctor) === null) return null;
  const cls = info.decls.get(ctor) as ts.ClassDeclaration;

  // Readonly, non-static instance fields (declared or constructor parameter properties).
  const readonlyFields = new Set<string>();
  for (const m of cls.members) {
    const mods = ts.canHaveModifiers(m) ? ts.getModifiers(m) ?? [] : [];
    const ro = mods.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword), st = mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    if (ts.isPropertyDeclaration(m) && ro && !st && ts.isIdentifier(m.name)) readonlyFields.add(m.name.text);
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const pm = ts.getModifiers(p) ?? [];
        if (pm.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword) && ts.isIdentifier(p.name)) readonlyFields.add(p.name.text);
      }
    }
  }
  const fields = new Map<string, Constant>();
  for (const k of Object.keys(constants).sort()) {
    const v = constants[k];
    if (readonlyFields.has(k) && foldable(v)) fields.set(k, v);
  }

  const f = ts.factory;
  const members: ts.ClassElement[] = [];
  for (const m of cls.members) {
    if (ts.isConstructorDeclaration(m) && m.body) {
      // The constructor computes the fields as the runtime class does; it then checks that
      // they are the constants folded below (a stale twin fails at create(), not silently).
      const folded = foldNode(m, { fields: new Map(), names: info.consts });
      const check = f.createExpressionStatement(f.createCallExpression(f.createIdentifier('checkFolded'), undefined, [
        f.createThis(), f.createStringLiteral(name),
        f.createObjectLiteralExpression([...fields].map(([k, v]) => f.createPropertyAssignment(k, literalNode(f, v))), false),
      ]));
      members.push(f.updateConstructorDeclaration(folded, folded.modifiers, folded.parameters, f.updateBlock(folded.body!, [...folded.body!.statements, check])));
      continue;
    }
    const isHandler = ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m);
    members.push(foldNode(m, { fields: isHandler ? fields : new Map(), names: info.consts }));
  }
  const mods = (ts.getModifiers(cls) ?? []).filter((x) => x.kind !== ts.SyntaxKind.DefaultKeyword);
  const copy = f.updateClassDeclaration(cls, mods.some((x) => x.kind === ts.SyntaxKind.ExportKeyword) ? mods : [f.createModifier(ts.SyntaxKind.ExportKeyword), ...mods],
    f.createIdentifier(name), cls.typeParameters, cls.heritageClauses, members);
  const body = printer.printNode(ts.EmitHint.Unspecified, copy, info.sf);

  // What the copy refers to: module helpers (copied, transitively) and imports (from the runtime).
  const helpers = new Map<ts.Statement, string>();
  const values = new Set<string>(['checkFolded']), types = new Set<string>();
  const need = (node: ts.Node): void => {
    for (const id of referencedNames(node)) {
      if (id === ctor) continue;
      const imported = info.imports.get(id);
      if (imported !== undefined) { (imported ? types : values).add(id); continue; }
      const d = info.decls.get(id);
      if (!d || helpers.has(d)) continue;
      // What the module exports comes from the runtime (kernel.ts), like its imports; only
      // its private helpers are copied.
      if (hasExport(d)) { (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) ? types : values).add(id); continue; }
      helpers.set(d, d.getText(info.sf));
      need(d);
    }
  };
  need(copy);
  for (const v of values) types.delete(v);

  const doc = [
    `/**`,
    ` * ${describe}`,
    ` * A copy of ${ctor} (src/twin/${info.file}) with its event handlers specialised to this`,
    ` * instance: these constants are folded in and the branches they rule out are removed.`,
    ...[...fields].map(([k, v]) => ` *   ${k} = ${printer.printNode(ts.EmitHint.Expression, literalNode(f, v), info.sf).replace(/\*\//g, '*\\/')}`),
    ` */`,
  ];
  const order = [...info.sf.statements];
  return {
    text: `${doc.join('\n')}\n${body}`,
    helpers: [...helpers].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([d, t]) => [declName(d), t]),
    values: [...values].sort(), types: [...types].sort(),
    folded: [...fields], from: info.file,
  };
}

function declName(d: ts.Statement): string {
  if (ts.isVariableStatement(d)) return d.declarationList.declarations.map((x) => x.name.getText()).join(', ');
  return (d as ts.DeclarationStatement).name?.getText() ?? '';
}

/**
 * Names a node refers to: identifiers in expression and type positions (not property or
 * member names). Works on synthesized trees (parents are tracked by the walk, not read).
 */
function referencedNames(root: ts.Node): Set<string> {
  const out = new Set<string>();
  const isName = (n: ts.Identifier, p: ts.Node): boolean =>
    (ts.isPropertyAccessExpression(p) && p.name === n)
    || ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)
      || ts.isSetAccessorDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isEnumMember(p)
      || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isParameter(p) || ts.isVariableDeclaration(p)
      || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) && (p as { name?: ts.Node }).name === n)
    || (ts.isQualifiedName(p) && p.right === n) || (ts.isBindingElement(p) && p.propertyName === n);
  const walk = (n: ts.Node, p: ts.Node | null): void => {
    if (ts.isIdentifier(n)) { if (!p || !isName(n, p)) out.add(n.text); return; }
    ts.forEachChild(n, (c) => walk(c, n));
  };
  walk(root, null);
  return out;
}
