// Constant folding over TypeScript syntax trees: the partial evaluator behind specialised
// model classes (specialise.ts).
// Input: a method (or any node) in which some expressions are known constants: `this.<field>`
//   reads of folded fields, module-level numeric constants, and (found here) `const` locals
//   whose initializer folds to a literal.
// Output: the node with those constants substituted as literals, constant sub-expressions
//   evaluated (arithmetic, comparisons, !, &&, ||, ??, ?:), and `if` statements with a constant
//   condition replaced by the branch taken (dead branches removed).
// Invariants: evaluation uses JavaScript's own operators on the same doubles, so a folded
//   expression has exactly the value the unfolded one had at run time (no reassociation);
//   names are substituted only in expression positions (never property names, declarations,
//   labels or types) and never where a local declaration shadows them; `this.x` is never
//   substituted where it is assigned.
import { ts } from 'ts-morph';

export type Constant = number | boolean | string | null;

/** A literal node for a constant (negative numbers in parentheses, so any context is safe). */
export function literalNode(f: ts.NodeFactory, v: Constant): ts.Expression {
  if (v === null) return f.createNull();
  if (typeof v === 'boolean') return v ? f.createTrue() : f.createFalse();
  if (typeof v === 'string') return f.createStringLiteral(v);
  if (Number.isNaN(v)) return f.createIdentifier('NaN');
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const body = abs === Infinity ? f.createIdentifier('Infinity') : f.createNumericLiteral(String(abs));
  return neg ? f.createParenthesizedExpression(f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, body)) : body;
}

/** The constant a node denotes, if it is a literal (boxed: `{v}`), else undefined. */
export function constantOf(n: ts.Node): { v: Constant } | undefined {
  if (ts.isParenthesizedExpression(n)) return constantOf(n.expression);
  if (ts.isNumericLiteral(n)) {
    const x = Number(n.text.replace(/_/g, ''));
    return Number.isNaN(x) ? undefined : { v: x };
  }
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { v: n.text };
  if (n.kind === ts.SyntaxKind.TrueKeyword) return { v: true };
  if (n.kind === ts.SyntaxKind.FalseKeyword) return { v: false };
  if (n.kind === ts.SyntaxKind.NullKeyword) return { v: null };
  if (ts.isIdentifier(n) && (n.text === 'Infinity' || n.text === 'NaN')) return { v: n.text === 'NaN' ? NaN : Infinity };
  if (ts.isPrefixUnaryExpression(n)) {
    const c = constantOf(n.operand);
    if (!c) return undefined;
    if (n.operator === ts.SyntaxKind.ExclamationToken) return { v: !c.v };
    if (typeof c.v !== 'number') return undefined;
    if (n.operator === ts.SyntaxKind.MinusToken) return { v: -c.v };
    if (n.operator === ts.SyntaxKind.PlusToken) return { v: c.v };
  }
  return undefined;
}

function binary(op: ts.SyntaxKind, a: Constant, b: Constant): { v: Constant } | undefined {
  const K = ts.SyntaxKind;
  if (op === K.EqualsEqualsEqualsToken) return { v: a === b };
  if (op === K.ExclamationEqualsEqualsToken) return { v: a !== b };
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  switch (op) {
    case K.PlusToken: return { v: a + b };
    case K.MinusToken: return { v: a - b };
    case K.AsteriskToken: return { v: a * b };
    case K.SlashToken: return { v: a / b };
    case K.PercentToken: return { v: a % b };
    case K.LessThanToken: return { v: a < b };
    case K.LessThanEqualsToken: return { v: a <= b };
    case K.GreaterThanToken: return { v: a > b };
    case K.GreaterThanEqualsToken: return { v: a >= b };
    case K.EqualsEqualsToken: return { v: a === b };
    case K.ExclamationEqualsToken: return { v: a !== b };
    default: return undefined;
  }
}

const ASSIGNMENTS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken, ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken, ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Every name a node declares (variables, parameters, functions, classes, catch bindings), with counts. */
export function declaredNames(node: ts.Node): Map<string, number> {
  const out = new Map<string, number>();
  const addBinding = (b: ts.BindingName): void => {
    if (ts.isIdentifier(b)) out.set(b.text, (out.get(b.text) ?? 0) + 1);
    else for (const e of b.elements) if (!ts.isOmittedExpression(e)) addBinding(e.name);
  };
  const walk = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) addBinding(n.name);
    else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) addBinding(n.name);
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

export interface FoldScope {
  /** `this.<name>` reads to substitute. */
  fields: ReadonlyMap<string, Constant>;
  /** Free names (module constants) to substitute, unless shadowed. */
  names: ReadonlyMap<string, Constant>;
}

/**
 * Folds one node (a method, accessor, constructor or property initializer): substitutes the
 * scope's constants, evaluates what became constant, and propagates `const` locals that fold
 * to literals (declared once in the node), until nothing changes.
 */
export function foldNode<T extends ts.Node>(node: T, scope: FoldScope): T {
  const shadowed = declaredNames(node);
  const base = new Map([...scope.names].filter(([k]) => !shadowed.has(k)));
  let cur: ts.Node = transform(node, scope.fields, base);
  for (let round = 0; round < 8; round++) {
    // const locals declared once whose initializer is now a literal: propagate them.
    const locals = constLocals(cur, declaredNames(cur));
    if (locals.size === 0) break;
    cur = transform(cur, scope.fields, new Map([...base, ...locals]), new Set(locals.keys()));
  }
  return cur as T;
}

/** `const` locals with literal initializers, each declared exactly once in the node. */
function constLocals(node: ts.Node, declared: Map<string, number>): Map<string, Constant> {
  const out = new Map<string, Constant>();
  const walk = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.Const) !== 0) {
      for (const d of n.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer || declared.get(d.name.text) !== 1) continue;
        const c = constantOf(d.initializer);
        if (c) out.set(d.name.text, c.v);
      }
    }
    ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

function truthy(v: Constant): boolean {
  return Boolean(v);
}

function transform(node: ts.Node, fields: ReadonlyMap<string, Constant>, names: ReadonlyMap<string, Constant>, drop: ReadonlySet<string> = new Set()): ts.Node {
  const result = ts.transform(node, [(context) => {
    const f = context.factory;
    const vE = (e: ts.Expression): ts.Expression => ts.visitNode(e, visit, ts.isExpression) as ts.Expression;
    /** An assignment target: `this.x`, a name, or an element/property of something folded. */
    const target = (t: ts.Expression): ts.Expression => {
      if (ts.isPropertyAccessExpression(t)) return t.expression.kind === ts.SyntaxKind.ThisKeyword ? t : f.updatePropertyAccessExpression(t, vE(t.expression), t.name);
      if (ts.isElementAccessExpression(t)) return f.updateElementAccessExpression(t, vE(t.expression), vE(t.argumentExpression));
      return t;
    };
    const visit = (n: ts.Node): ts.VisitResult<ts.Node | undefined> => {
      // Types are left alone.
      if (ts.isTypeNode(n)) return n;
      // this.<field>
      if (ts.isPropertyAccessExpression(n)) {
        if (n.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(n.name) && fields.has(n.name.text)) {
          return literalNode(f, fields.get(n.name.text)!);
        }
        return f.updatePropertyAccessExpression(n, vE(n.expression), n.name);
      }
      if (ts.isIdentifier(n)) return names.has(n.text) ? literalNode(f, names.get(n.text)!) : n;
      // Assignment targets keep their `this.x` and names (only their sub-expressions fold).
      if (ts.isBinaryExpression(n) && ASSIGNMENTS.has(n.operatorToken.kind)) {
        return f.updateBinaryExpression(n, target(n.left), n.operatorToken, vE(n.right));
      }
      if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
        return ts.isPrefixUnaryExpression(n) ? f.updatePrefixUnaryExpression(n, target(n.operand)) : f.updatePostfixUnaryExpression(n, target(n.operand));
      }
      if (ts.isDeleteExpression(n)) return f.updateDeleteExpression(n, target(n.expression));
      if (ts.isPropertyAssignment(n)) {
        const name = ts.isComputedPropertyName(n.name) ? (ts.visitNode(n.name, visit, ts.isPropertyName) as ts.PropertyName) : n.name;
        return f.updatePropertyAssignment(n, name, vE(n.initializer));
      }
      if (ts.isShorthandPropertyAssignment(n)) {
        return names.has(n.name.text) ? f.createPropertyAssignment(n.name.text, literalNode(f, names.get(n.name.text)!)) : n;
      }
      if (ts.isVariableDeclaration(n)) {
        if (ts.isIdentifier(n.name) && drop.has(n.name.text)) return undefined;
        return f.updateVariableDeclaration(n, n.name, n.exclamationToken, n.type, n.initializer ? vE(n.initializer) : undefined);
      }
      if (ts.isVariableStatement(n)) {
        const list = ts.visitNode(n.declarationList, visit, ts.isVariableDeclarationList) as ts.VariableDeclarationList;
        if (list.declarations.length === 0) return undefined;
        return f.updateVariableStatement(n, n.modifiers, list);
      }
      if (ts.isParameter(n)) {
        return f.updateParameterDeclaration(n, n.modifiers, n.dotDotDotToken, n.name, n.questionToken, n.type, n.initializer ? vE(n.initializer) : undefined);
      }
      if (ts.isBindingElement(n)) {
        return f.updateBindingElement(n, n.dotDotDotToken, n.propertyName, n.name, n.initializer ? vE(n.initializer) : undefined);
      }
      if (ts.isLabeledStatement(n)) return f.updateLabeledStatement(n, n.label, (ts.visitNode(n.statement, visit, ts.isStatement) as ts.Statement));
      if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) return n;
      if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n) || ts.isConstructorDeclaration(n)
        || ts.isPropertyDeclaration(n) || ts.isFunctionDeclaration(n)) {
        // Names of members/functions stay; their parameters and bodies are visited.
        return ts.visitEachChild(n, (c) => (c === n.name ? c : visit(c)), context);
      }
      const v = ts.visitEachChild(n, visit, context);
      return fold(f, v);
    };
    return (root) => ts.visitNode(root, visit) as ts.Node;
  }]);
  const out = result.transformed[0]!;
  result.dispose();
  return out;
}

/** One folding step on a node whose children are already folded. */
function fold(f: ts.NodeFactory, n: ts.Node): ts.VisitResult<ts.Node> {
  const K = ts.SyntaxKind;
  if (ts.isParenthesizedExpression(n)) {
    const c = constantOf(n.expression);
    if (c && !(typeof c.v === 'number' && (c.v < 0 || Object.is(c.v, -0)))) return literalNode(f, c.v);
    return n;
  }
  if (ts.isPrefixUnaryExpression(n)) {
    const inner = constantOf(n.operand);
    if (!inner) return n;
    const c = constantOf(n);
    return c ? literalNode(f, c.v) : n;
  }
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    const a = constantOf(n.left);
    if (a && (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken)) {
      if (op === K.AmpersandAmpersandToken) return truthy(a.v) ? n.right : n.left;
      if (op === K.BarBarToken) return truthy(a.v) ? n.left : n.right;
      return a.v === null ? n.right : n.left;
    }
    const b = constantOf(n.right);
    if (a && b) {
      const c = binary(op, a.v, b.v);
      if (c) return literalNode(f, c.v);
    }
    return identity(f, n, op, a, b);
  }
  if (ts.isConditionalExpression(n)) {
    const c = constantOf(n.condition);
    return c ? f.createParenthesizedExpression(truthy(c.v) ? n.whenTrue : n.whenFalse) : n;
  }
  if (ts.isIfStatement(n)) {
    const c = constantOf(n.expression);
    if (!c) return n;
    const taken = truthy(c.v) ? n.thenStatement : n.elseStatement;
    return taken ?? f.createEmptyStatement();
  }
  if (ts.isBlock(n)) {
    // Dead branches (empty statements) go; a nested block without lexical declarations (a
    // branch taken) merges into this one.
    // Statements after an unconditional return/throw/break/continue are dead (a function
    // declaration would be hoisted: kept).
    const flat: ts.Statement[] = [];
    for (const s of n.statements) {
      if (ts.isEmptyStatement(s)) continue;
      if (ts.isBlock(s) && !s.statements.some(declaresLexically)) flat.push(...s.statements);
      else flat.push(s);
    }
    const end = flat.findIndex((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s));
    const kept = end < 0 ? flat : [...flat.slice(0, end + 1), ...flat.slice(end + 1).filter(ts.isFunctionDeclaration)];
    if (kept.length === n.statements.length && kept.every((s, i) => s === n.statements[i])) return n;
    return f.updateBlock(n, kept);
  }
  return n;
}

/**
 * IEEE identities that hold for every double x (NaN and -0 included): x - 0, x * 1, 1 * x,
 * x / 1 are x; x < -Infinity, x > Infinity, -Infinity > x, Infinity < x are false (the last
 * four only when x has no side effects, as it is dropped).
 */
function identity(f: ts.NodeFactory, n: ts.BinaryExpression, op: ts.SyntaxKind, a: { v: Constant } | undefined, b: { v: Constant } | undefined): ts.Node {
  const K = ts.SyntaxKind;
  if (b && b.v === 0 && !Object.is(b.v, -0) && op === K.MinusToken) return n.left;
  if (b && b.v === 1 && (op === K.AsteriskToken || op === K.SlashToken)) return n.left;
  if (a && a.v === 1 && op === K.AsteriskToken) return n.right;
  if (b && ((b.v === -Infinity && op === K.LessThanToken) || (b.v === Infinity && op === K.GreaterThanToken)) && pure(n.left)) return f.createFalse();
  if (a && ((a.v === -Infinity && op === K.GreaterThanToken) || (a.v === Infinity && op === K.LessThanToken)) && pure(n.right)) return f.createFalse();
  return n;
}

/** An expression without side effects: names, literals, `this`, property and element reads of those. */
function pure(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword || constantOf(e)) return true;
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return pure(e.expression);
  if (ts.isPropertyAccessExpression(e)) return pure(e.expression);
  if (ts.isElementAccessExpression(e)) return pure(e.expression) && pure(e.argumentExpression);
  return false;
}

function declaresLexically(s: ts.Statement): boolean {
  if (ts.isVariableStatement(s)) return (s.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
  return ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s);
}
