// The registry of kinds: every device, neuron, circuit and technology kind the language knows,
// in one ordered list, with lookup by name and by category. Input: the kind tables of
// technology.ts, devices.ts, neurons.ts, circuits.ts. Output: KINDS, findKind, kindNames,
// findProp. Invariants: kind names are unique across categories; the order (technology,
// devices, neurons, circuits, each in declaration order) is the order of lang/kinds.md.
import type { Category, KindSchema, PropSchema } from '../schema.js';
import { CIRCUIT_KINDS } from './circuits.js';
import { DEVICE_KINDS } from './devices.js';
import { NEURON_KINDS } from './neurons.js';
import { TECHNOLOGY_KINDS } from './technology.js';

export const KINDS: readonly KindSchema[] = [...TECHNOLOGY_KINDS, ...DEVICE_KINDS, ...NEURON_KINDS, ...CIRCUIT_KINDS];

const BY_NAME = new Map<string, KindSchema>(KINDS.map((k) => [k.name, k]));
if (BY_NAME.size !== KINDS.length) throw new Error('internal: duplicate kind name in the registry');

export const CATEGORIES: readonly Category[] = ['technology', 'device', 'neuron', 'circuit'];

export function findKind(name: string): KindSchema | undefined {
  return BY_NAME.get(name);
}

/** Kind names, in registry order, optionally of one category. */
export function kindNames(category?: Category): string[] {
  return KINDS.filter((k) => category === undefined || k.category === category).map((k) => k.name);
}

/** A property of a kind, or undefined. */
export function findProp(kind: KindSchema, name: string): PropSchema | undefined {
  return kind.props.find((p) => p.name === name);
}

export { nmosOnResistance } from './devices.js';
