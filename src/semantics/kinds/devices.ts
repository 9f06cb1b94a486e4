// Device kinds: the non-volatile RRAM synapse (rram), the volatile threshold-switching
// memristor of S2's neuron (ts_memristor) and the NMOS selector of 1T1R cells (nmos).
// Input: nothing. Output: KindSchema objects. Invariants: defaults in SI, each doc names the
// seed it comes from or says "assumed"; device times are hardware times (never scaled:
// device physics does not follow the macro's timescale).
import { D } from '../../units/dimension.js';
import type { KindSchema } from '../schema.js';
import { count, DX, enm, frac, nonneg, pos, qty } from './props.js';

const uS = 1e-6;

export const DEVICE_KINDS: readonly KindSchema[] = [
  {
    name: 'rram',
    category: 'device',
    doc: 'A non-volatile resistive-switching memristor used as a synapse: a conductance window quantised into levels, programming by SET/RESET pulses with verify, read noise and stuck cells. Defaults: S4\'s Cu:Te/TaOx/IGZO/Pt device.',
    dims: [],
    props: [
      pos('g_min', D.conductance, 5.7 * uS, 'Lowest usable conductance (HRS end of the window). S4: 5.7 uS; S2 Ta/HfO2/Pd: about 42 uS.', { unit: 'uS' }),
      pos('g_max', D.conductance, 200 * uS, 'Highest usable conductance (LRS end of the window). S4: 200 uS; S2: about 980 uS.', { unit: 'uS' }),
      count('levels', 23, 'Number of distinguishable conductance levels. S4: 23 levels between 5.7 and 200 uS.', 2, 1 << 16),
      nonneg('min_level_gap', D.conductance, 0.2 * uS, 'Smallest spacing between adjacent levels. S4: at least 0.2 uS.', { unit: 'uS' }),
      frac('program_sigma', 0.03, 'Relative error of a programmed conductance (tuning error band). S4: 3 % band reached in about 55-60 pulses.'),
      enm('program_dist', ['normal', 'lognormal'], 'normal', 'Shape of the programming error: G (1 + sigma N) or G exp(sigma N).'),
      frac('read_noise', 0.02, 'Relative standard deviation of one read at g_max. S4: about 2 % intrinsic noise.'),
      qty('read_noise_exp', D.none, 0, 'Read noise grows as (g_max / g)^read_noise_exp toward low conductance (S4 Fig. 2D: higher RSD at low G). 0 keeps it flat.', { min: 0, max: 2 }),
      qty('read_voltage', D.voltage, 0.05, 'Read voltage across the cell during inference. S4: 0.05 V (S2 reads at 0.2 V).', { unit: 'mV', min: 0, max: 5, gt: true }),
      frac('stuck_on', 0, 'Fraction of cells stuck at g_max. Default 0.'),
      frac('stuck_off', 0, 'Fraction of cells stuck at g_min. Default 0.'),
      qty('set_voltage', D.voltage, 2, 'Full SET voltage. S4: 2 V.', { unit: 'V', min: 0, max: 10, gt: true }),
      qty('reset_voltage', D.voltage, -2, 'Full RESET voltage (negative on the top electrode). S4: reset stop swept from -0.5 V to -2 V.', { unit: 'V', min: -10, max: 0 }),
      pos('program_step', D.voltage, 0.01, 'Amplitude increment of the program-and-verify loop. S4: 0.01 V.', { unit: 'mV', max: 1 }),
      frac('verify_tolerance', 0.03, 'Error band at which program-and-verify stops. S4: 3 % converges, 1 % fails with 2 % read noise.'),
      count('max_program_pulses', 150, 'Pulses after which program-and-verify gives up. S4 Fig. 5D: no convergence after more than 150 pulses.'),
      pos('pulse_width', D.time, 1e-6, 'Width of one program pulse. Assumed 1 us (not published in S4).', { unit: 'us' }),
      qty('nonlinearity', D.none, 0, 'Nonlinearity of learning updates: the step shrinks as exp(-nonlinearity x distance travelled) toward the bound. 0 = linear.', { min: 0, max: 10 }),
      nonneg('r_line', D.resistance, 1, 'Word/bit line resistance per cell segment. Assumed 1 Ohm.', { unit: 'Ohm' }),
      nonneg('drift', D.none, 0, 'Relative conductance drift per decade of time after programming. Default 0.', { max: 1 }),
    ],
  },
  {
    name: 'ts_memristor',
    category: 'device',
    doc: 'A volatile threshold-switching (diffusive Ag filament) memristor, the integrator of S2\'s hybrid neuron. Above v_hold a filament grows; it switches ON after an integration time that falls with voltage, t_int(V) = t_int * exp(-(V - v_ref) / v_int_slope); below v_hold it relaxes OFF after t_relax(V) = t_relax * exp((V - v_ref) / v_relax_slope), V the last driving amplitude. Both times are log-normally random (the neuron\'s stochasticity). Time values are hardware time. Fitted to S2 Fig. 2d-f, where only trends and pulse counts are given.',
    dims: [],
    props: [
      pos('v_threshold', D.voltage, 0.4, 'Quasi-static switching threshold of a slow DC sweep. Assumed 0.4 V (S2 Fig. 2b gives curves, not a value).', { unit: 'V', max: 10 }),
      nonneg('v_hold', D.voltage, 0.2, 'Hold voltage: below it the filament relaxes and the device returns OFF. Assumed 0.2 V (the 0.05 V monitor lets it relax).', { unit: 'V', max: 10 }),
      pos('r_on', D.resistance, 1e3, 'ON resistance once the filament forms. Assumed 1 kOhm.', { unit: 'kOhm' }),
      pos('r_off', D.resistance, 100e6, 'OFF (HRS) resistance. Assumed 100 MOhm.', { unit: 'MOhm' }),
      pos('v_ref', D.voltage, 1.2, 'Reference amplitude of the time laws. S2 Fig. 2c: 1.2 V, 1 ms pulse.', { unit: 'V', max: 10 }),
      pos('t_int', D.time, 590e-6, 'Mean integration time at v_ref. Fitted to S2\'s neuron test (1.8 V, 250 us pulses through 10 kOhm fire on the fifth pulse); S2 gives trends only.', { unit: 'us' }),
      pos('v_int_slope', D.voltage, 3, 'Voltage for an e-fold fall of the integration time. Fitted 3 V (neuron test: 11 / 7 / 5 / 4 pulses at 1.4 / 1.6 / 1.8 / 2.0 V); the direct-drive fit of Fig. 2e is 0.75 V.', { unit: 'V' }),
      pos('t_relax', D.time, 620e-6, 'Mean relaxation time at v_ref. Fitted: longer than a 250 us gap (else sub-threshold firing, S2 Fig. 2e), shorter than the 500 us refractory + 250 us gap.', { unit: 'us' }),
      pos('v_relax_slope', D.voltage, 10, 'Voltage for an e-fold rise of the relaxation time (S2 Fig. 2d: rises with amplitude). Fitted 10 V with the neuron test; 0.5 V for Fig. 2e.', { unit: 'V' }),
      frac('int_sigma', 0.2, 'Log-normal spread of the integration time, cycle to cycle. Assumed 20 % (S2 Supplementary Fig. 2, not in the text).', 5),
      frac('relax_sigma', 0.2, 'Log-normal spread of the relaxation time. Assumed 20 %.', 5),
      frac('v_threshold_sigma', 0.1, 'Relative spread of the switching threshold (S2 Supplementary Fig. 1). Assumed 10 %.', 5),
      pos('area', D.area, 16e-12, 'Device footprint. S2 Methods: 4 um x 4 um.', { unit: 'um^2' }),
    ],
  },
  {
    name: 'nmos',
    category: 'device',
    doc: 'An NMOS transistor used as a 1T1R selector or switch, modelled in the triode region: R_on = 1 / (k_prime x W/L x (v_gate - v_th)). Defaults: S4\'s 500 nm ETRI process, where W/L = 65 at a 3 V gate gives R_on = 120 Ohm.',
    dims: [],
    props: [
      pos('v_th', D.voltage, 0.7, 'Threshold voltage. Assumed 0.7 V for a 500 nm process (S4 does not state it).', { unit: 'V', max: 5 }),
      pos('k_prime', DX.transconductance, 55.74e-6, 'Process transconductance mu_n C_ox. Fitted to S4: W/L = 65, v_gate = 3 V, v_th = 0.7 V give R_on = 120 Ohm.', { unit: 'uA/V^2' }),
      pos('v_gate', D.voltage, 3, 'Gate voltage when the selector is on. S4: 3 V.', { unit: 'V', max: 50 }),
      pos('wl', D.none, null, 'Width-to-length ratio; a crossbar\'s selector_wl overrides it. S4 chose 65 (330 was larger than needed).', { max: 1e5 }),
      pos('r_on', D.resistance, null, 'On-resistance given directly; overrides the triode estimate. S4: 120 Ohm at W/L = 65.', { unit: 'Ohm' }),
      pos('r_off', D.resistance, 1e9, 'Off-resistance, which must exceed the memristor HRS to block sneak paths (S4). Assumed 1 GOhm.', { unit: 'GOhm' }),
      pos('l_min', D.length, null, 'Drawn gate length, for the selector area W x L. S4: 500 nm process.', { unit: 'nm' }),
    ],
  },
];

/** R_on of an nmos from its parameters (triode, small V_ds): used by design checks and tests. */
export function nmosOnResistance(kPrime: number, wl: number, vGate: number, vTh: number): number {
  return 1 / (kPrime * wl * (vGate - vTh));
}
