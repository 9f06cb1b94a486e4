// Parameter sets shared by the S2 model tests (fitted; see the headers of the tests using them).
import type { RawValue } from '../../../src/twin/engine/params.js';

/**
 * Reproduces S2's neuron test (the registry defaults do not; see ts-hybrid.test.ts): the TS
 * device fitted so that 1.8 V through 10 kOhm fires on the fifth pulse with the rate rising
 * from 1.4 to 2.0 V, and a read-out resistance that lets node 2 reach v_fire when ON.
 */
export const S2_NEURON: Record<string, RawValue> = {
  'device.t_int': 590e-6, 'device.v_int_slope': 3, 'device.t_relax': 620e-6, 'device.v_relax_slope': 10,
  r_read: 100e3, r_series: 10e3, depression: false,
};

/** A TS device fitted to S2 Fig. 2e/2f (direct drive): 4 pulses at 1.1 V, fewer above. */
export const FIG2_DEVICE = { t_int: 432e-6, v_int_slope: 0.75, t_relax: 1e-3, v_relax_slope: 0.5 };
