// The one catalogue of diagnostics. Codes are stable: never renumber, never reuse.
// Ranges by phase:
//   SNN1xxx lexical        SNN2xxx syntax          SNN3xxx units and expressions
//   SNN4xxx names, imports, scopes                 SNN5xxx kinds and properties (schemas)
//   SNN6xxx design checks (warnings)               SNN7xxx elaboration and connections
//   SNN8xxx stimulus and simulation                SNN9xxx usage and internal errors
// A message is a template: `{name}` is replaced by the argument of that name.

export type Severity = 'error' | 'warning' | 'note';
export type Phase = 'lex' | 'parse' | 'units' | 'names' | 'schema' | 'check' | 'elaborate' | 'sim' | 'driver';

export interface CatalogueEntry {
  severity: Severity;
  phase: Phase;
  message: string;
  hint?: string;
}

export const CATALOGUE = {
  // ---------------------------------------------------------------- SNN1xxx lexical
  SNN1001: { severity: 'error', phase: 'lex', message: "unexpected character '{text}'",
    hint: 'identifiers are [A-Za-z_][A-Za-z0-9_]*; quantities are a number with a unit attached, e.g. 10.14pF' },
  SNN1002: { severity: 'error', phase: 'lex', message: 'unterminated string literal', hint: 'close the string with " on the same line' },
  SNN1003: { severity: 'error', phase: 'lex', message: 'unterminated block comment', hint: 'close the comment with */' },
  SNN1004: { severity: 'error', phase: 'lex', message: "unexpected characters '{text}'",
    hint: 'identifiers are [A-Za-z_][A-Za-z0-9_]*; quantities are a number with a unit attached, e.g. 10.14pF' },

  // ---------------------------------------------------------------- SNN2xxx syntax
  SNN2001: { severity: 'error', phase: 'parse', message: 'expected {expected} but found {found}' },
  SNN2002: { severity: 'error', phase: 'parse', message: 'unexpected {found} here; {context}' },
  SNN2003: { severity: 'error', phase: 'parse', message: 'expression too deeply nested or too long: {detail}',
    hint: 'split it with const declarations' },

  // ---------------------------------------------------------------- SNN3xxx units and expressions
  SNN3001: { severity: 'error', phase: 'units', message: "unknown unit '{unit}'", hint: '{hint}' },
  SNN3002: { severity: 'error', phase: 'units', message: 'cannot {op} {left} and {right}: the dimensions differ',
    hint: 'both sides of + and - must have the same dimension' },
  SNN3003: { severity: 'error', phase: 'units', message: "property '{prop}' of {kind} expects {expected}, but the value is {actual}", hint: '{hint}' },
  SNN3004: { severity: 'error', phase: 'units', message: 'the exponent of ^ must be a dimensionless number, not {actual}' },
  SNN3005: { severity: 'error', phase: 'units', message: "argument of {fn}() must be {expected}, not {actual}" },
  SNN3006: { severity: 'error', phase: 'units', message: "unknown function '{fn}'", hint: 'functions are min, max, exp, log, sqrt, abs' },
  SNN3007: { severity: 'error', phase: 'units', message: '{fn}() takes {expected} arguments, not {actual}' },
  SNN3008: { severity: 'error', phase: 'units', message: 'division by zero' },
  SNN3009: { severity: 'error', phase: 'units', message: 'the result is not a finite number ({detail})' },
  SNN3010: { severity: 'error', phase: 'units', message: 'expected {expected} here, not {actual}' },
  SNN3011: { severity: 'error', phase: 'units', message: 'a list element has dimension {actual}, the first has {expected}', hint: 'all elements of a list must have the same dimension' },

  // ---------------------------------------------------------------- SNN4xxx names, imports, scopes
  SNN4001: { severity: 'error', phase: 'names', message: "unknown name '{name}'", hint: '{hint}' },
  SNN4002: { severity: 'error', phase: 'names', message: "'{name}' is already declared", hint: 'the first declaration is at {first}' },
  SNN4003: { severity: 'error', phase: 'names', message: "cannot read import '{path}': {reason}" },
  SNN4004: { severity: 'error', phase: 'names', message: 'import cycle: {cycle}', hint: 'remove one of the imports in the cycle' },
  SNN4005: { severity: 'error', phase: 'names', message: "import '{path}' leaves the project folder {root}",
    hint: 'copy the file into the project, or pass --allow-outside-imports' },
  SNN4006: { severity: 'error', phase: 'names', message: "'{name}' is a {actual}, but a {expected} is needed here" },
  SNN4007: { severity: 'error', phase: 'names', message: "unknown kind or type '{name}'", hint: '{hint}' },
  SNN4008: { severity: 'error', phase: 'names', message: "derivation cycle: {cycle}" },
  SNN4009: { severity: 'error', phase: 'names', message: "'{name}' derives from '{base}', a {baseCategory}, but it is declared as a {category}" },
  SNN4010: { severity: 'error', phase: 'names', message: "'{name}' is defined in terms of itself: {cycle}" },
  SNN4011: { severity: 'error', phase: 'names', message: "unknown parameter '{name}' of {macro}", hint: '{hint}' },
  SNN4012: { severity: 'error', phase: 'names', message: "parameter '{name}' of {macro} has no default and is not given" },
  SNN4013: { severity: 'error', phase: 'names', message: "nothing to elaborate: {detail}", hint: '{hint}' },

  // ---------------------------------------------------------------- SNN5xxx kinds and properties
  SNN5001: { severity: 'error', phase: 'schema', message: "unknown property '{prop}' of {kind}", hint: '{hint}' },
  SNN5002: { severity: 'error', phase: 'schema', message: "missing required property '{prop}' of {kind}", hint: '{doc}' },
  SNN5003: { severity: 'error', phase: 'schema', message: "{prop} = {value} is out of range for {kind}: {range}", hint: '{doc}' },
  SNN5004: { severity: 'error', phase: 'schema', message: "property '{prop}' is set twice", hint: 'the first assignment is at {first}' },
  SNN5005: { severity: 'error', phase: 'schema', message: "{prop} = {value} is not one of {choices}" },
  SNN5006: { severity: 'error', phase: 'schema', message: "over-determined {what}: {detail}", hint: 'give two of the three, the third is implied' },
  SNN5007: { severity: 'error', phase: 'schema', message: "under-determined {what}: {detail}", hint: '{hint}' },
  SNN5008: { severity: 'error', phase: 'schema', message: "property '{prop}' of {kind} expects {expected}, not {actual}" },
  SNN5009: { severity: 'error', phase: 'schema', message: "'{name}' is not a kind of {category}", hint: '{hint}' },
  SNN5010: { severity: 'error', phase: 'schema', message: "unknown metric '{name}'", hint: '{hint}' },
  SNN5011: { severity: 'error', phase: 'schema', message: "sweep target '{target}' does not name {what}", hint: '{hint}' },

  // ---------------------------------------------------------------- SNN6xxx design checks (warnings)
  SNN6001: { severity: 'warning', phase: 'check', message: 'selector on-resistance {ron} is {pct} of the LRS {lrs} (more than 10 %)',
    hint: 'widen the selector (selector_wl) so that R_on stays within 10 % of the memristor resistance' },
  SNN6002: { severity: 'warning', phase: 'check', message: 'MOS configuration: the memristor on the source loses V_th = {vth} during SET (at most {vmax} across the cell)',
    hint: 'use config = MOD to pass the full supply during SET' },
  SNN6003: { severity: 'warning', phase: 'check', message: '{what} = {value} is below the technology floor {floor}',
    hint: 'parasitics dominate below the floor: lower the timescale or raise the resistor' },
  SNN6004: { severity: 'warning', phase: 'check', message: 'spike width {width} is narrower than the array passes ({min})',
    hint: 'narrow spikes are attenuated by the array RC; widen spike_width' },

  // ---------------------------------------------------------------- SNN7xxx elaboration and connections
  SNN7001: { severity: 'error', phase: 'elaborate', message: "'{path}' has no port '{port}'", hint: '{hint}' },
  SNN7002: { severity: 'error', phase: 'elaborate', message: 'connect {from} ({fromWidth}) -> {to} ({toWidth}): the widths differ' },
  SNN7003: { severity: 'error', phase: 'elaborate', message: "array size must be a positive integer, not {value}" },
  SNN7004: { severity: 'error', phase: 'elaborate', message: "index {index} is out of range for '{name}' of size {size}" },
  SNN7005: { severity: 'error', phase: 'elaborate', message: "'{name}' is not an instance of this {scope}", hint: '{hint}' },
  SNN7006: { severity: 'error', phase: 'elaborate', message: 'macro instantiation is recursive: {cycle}' },
  SNN7007: { severity: 'error', phase: 'elaborate', message: "cannot read weights '{path}': {reason}" },
  SNN7008: { severity: 'error', phase: 'elaborate', message: "weights '{path}' are {actual}, the layer needs {expected}" },

  // ---------------------------------------------------------------- SNN8xxx stimulus and simulation
  SNN8001: { severity: 'error', phase: 'sim', message: "stimulus refers to channel {channel}, but the design has {count} input channels" },
  SNN8002: { severity: 'error', phase: 'sim', message: "cannot read stimulus '{path}': {reason}" },
  SNN8003: { severity: 'error', phase: 'sim', message: "malformed stimulus '{path}': {reason}" },
  SNN8004: { severity: 'error', phase: 'sim', message: "unknown probe '{probe}'", hint: '{hint}' },
  SNN8005: { severity: 'error', phase: 'sim', message: 'the simulation cannot run: {detail}' },

  // ---------------------------------------------------------------- SNN9xxx usage and internal
  SNN9001: { severity: 'error', phase: 'driver', message: 'internal error: {detail}', hint: 'this is a bug in snn; please report it with the input file' },
  SNN9002: { severity: 'error', phase: 'driver', message: "cannot read '{path}': {reason}" },
  SNN9003: { severity: 'error', phase: 'driver', message: "cannot write '{path}': {reason}" },
  SNN9004: { severity: 'error', phase: 'driver', message: '{detail}' },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;

export function entry(code: Code): CatalogueEntry {
  return CATALOGUE[code];
}
