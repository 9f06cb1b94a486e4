// Neuron kinds: S1's SRM soma (srm), the plain LIF (lif), S3's adaptive-threshold SRM circuit
// (adaptive_threshold), S4's DPI synapse with LIF membrane (dpi_lif) and S2's hybrid
// TS-memristor neuron (ts_hybrid). Input: nothing. Output: KindSchema objects.
// Invariants: time constants in data time carry `scaled: true` (hardware value = value /
// timescale); every kernel given as tau or R and C has an rc relation; every neuron has ports
// in and out of width dim0.
import { D } from '../../units/dimension.js';
import type { KindSchema, PortSchema } from '../schema.js';
import { bool, count, enm, frac, interval, nonneg, pos, qty, ref } from './props.js';

const NEURON_PORTS: readonly PortSchema[] = [
  { name: 'in', dir: 'in', width: 'dim0', doc: 'Post-synaptic input, one per neuron (a voltage from a TIA or a current from a column).' },
  { name: 'out', dir: 'out', width: 'dim0', doc: 'Output spikes, one per neuron.' },
];

const neuronBase = { category: 'neuron' as const, dims: ['n'], defaultIn: 'in', defaultOut: 'out' };

export const NEURON_KINDS: readonly KindSchema[] = [
  {
    name: 'srm',
    ...neuronBase,
    doc: 'Spike-response-model soma of S1: the input drives a response kernel (RC, tau_s) and each output spike a refractory kernel (RC, tau_r); v = k_s - theta x k_r, a spike when v >= threshold. Kernels given as tau (data time) with R, or as R and C (hardware).',
    ports: NEURON_PORTS,
    rc: [
      { tau: 'tau_s', r: 'r_s', c: 'c_s', doc: 'Response (synaptic) kernel: tau_s / timescale = r_s x c_s.' },
      { tau: 'tau_r', r: 'r_r', c: 'c_r', doc: 'Refractory kernel: tau_r / timescale = r_r x c_r.' },
    ],
    props: [
      pos('tau_s', D.time, 50e-3, 'Response kernel time constant in data time. S1: 50 ms (swept 10-130 ms at 10:1).', { unit: 'ms', scaled: true }),
      pos('tau_r', D.time, 5e-3, 'Refractory kernel time constant in data time. S1: 5 ms (tau_s : tau_r = 10 : 1, swept 1-70 ms).', { unit: 'ms', scaled: true }),
      pos('r_s', D.resistance, null, 'Response kernel resistor (hardware). Not published for S1.', { unit: 'kOhm' }),
      pos('c_s', D.capacitance, null, 'Response kernel capacitor (hardware); implied by tau_s, timescale and r_s.', { unit: 'pF' }),
      pos('r_r', D.resistance, null, 'Refractory kernel resistor (hardware). Not published for S1.', { unit: 'kOhm' }),
      pos('c_r', D.capacitance, null, 'Refractory kernel capacitor (hardware); implied by tau_r, timescale and r_r.', { unit: 'pF' }),
      nonneg('theta', D.none, 1, 'Strength of the refractory kernel (reset charge per output spike, in units of threshold). Assumed 1.', { max: 100 }),
      pos('threshold', D.voltage, 0.5, 'Firing threshold on v. Assumed 0.5 V (S1 does not publish it).', { unit: 'mV', max: 50 }),
      interval('clip', D.voltage, null, 'Clipping of the kernel input (S1: TIA2 clips V_in to the supply rails). null: no clipping.', { unit: 'V' }),
      nonneg('offset', D.voltage, 0, 'Comparator input offset (a neuron non-ideality; S1 Fig. S8 charges non-ideal neurons 3.19 % accuracy). Default 0.', { unit: 'mV', max: 10 }),
      frac('tau_sigma', 0, 'Relative device-to-device spread of the kernel time constants (RC mismatch): each neuron\'s tau_s and tau_r are multiplied by independent factors 1 + tau_sigma N, drawn once per run from its seed. Default 0.'),
    ],
  },
  {
    name: 'lif',
    ...neuronBase,
    doc: 'Leaky integrate-and-fire neuron: tau_m dv/dt = -(v - v_rest) + r_m i; a spike when v >= threshold, then a hard reset to v_reset or a subtraction of the threshold, and an optional refractory time. S1 compares it with SRM (94.44 % vs 98.26 %); S3 uses it as the hard-reset baseline.',
    ports: NEURON_PORTS,
    rc: [{ tau: 'tau_m', r: 'r_m', c: 'c_m', doc: 'Membrane: tau_m / timescale = r_m x c_m.' }],
    props: [
      pos('tau_m', D.time, 15e-3, 'Membrane time constant in data time. Default S4: 15 ms.', { unit: 'ms', scaled: true }),
      pos('r_m', D.resistance, null, 'Membrane (leak) resistor, hardware.', { unit: 'kOhm' }),
      pos('c_m', D.capacitance, null, 'Membrane capacitor, hardware; implied by tau_m, timescale and r_m.', { unit: 'pF' }),
      pos('threshold', D.voltage, 0.5, 'Firing threshold. Assumed 0.5 V.', { unit: 'mV', max: 50 }),
      qty('v_rest', D.voltage, 0, 'Resting potential. S3 sets it to 0.', { unit: 'mV', min: -50, max: 50 }),
      qty('v_reset', D.voltage, 0, 'Potential after a hard reset. Default 0 V.', { unit: 'mV', min: -50, max: 50 }),
      enm('reset', ['hard', 'subtract'], 'hard', 'hard: v := v_reset after a spike; subtract: v := v - threshold.'),
      nonneg('refractory', D.time, 0, 'Refractory time after a spike, in data time. Default 0.', { unit: 'ms', scaled: true }),
      interval('clip', D.voltage, null, 'Clipping of the membrane input. null: none.', { unit: 'V' }),
      nonneg('offset', D.voltage, 0, 'Comparator input offset. Default 0.', { unit: 'mV', max: 10 }),
    ],
  },
  {
    name: 'adaptive_threshold',
    ...neuronBase,
    doc: 'S3\'s discrete SRM circuit: an RC filter (r, c) on every word line feeding the neuron gives k[t] = exp(-1/tau) k[t-1] + x[t] (one filter per input row, costed per row), the PSP is compared by an op-amp comparator with V_th + theta h, h[t] = exp(-1/tau_r) h[t-1] + O[t-1] from an identical RC filter on the comparator output; two inverters restore the spike. reset = hard swaps in the hard-reset LIF of S3\'s ablation.',
    ports: NEURON_PORTS,
    rc: [
      { tau: 'tau', r: 'r', c: 'c', doc: 'Synapse (word-line) filter: tau / timescale = r x c (S3: 4.56 kOhm x 10.14 pF = 46.2 ns).' },
      { tau: 'tau_r', r: 'r_r', c: 'c_r', doc: 'Threshold (feedback) filter: tau_r / timescale = r_r x c_r.' },
    ],
    props: [
      pos('tau', D.time, null, 'Synapse filter time constant in data time; implied by r and c. S3 trains with 4 steps; calls the circuit\'s 46.2 ns "40 ns".', { unit: 'ns', scaled: true }),
      pos('r', D.resistance, 4.56e3, 'Synapse filter resistor. S3: 4.56 kOhm.', { unit: 'kOhm' }),
      pos('c', D.capacitance, 10.14e-12, 'Synapse filter capacitor. S3: 10.14 pF.', { unit: 'pF' }),
      pos('tau_r', D.time, null, 'Threshold filter time constant in data time; implied by r_r and c_r. S3: tau_r = tau = 4 steps.', { unit: 'ns', scaled: true }),
      pos('r_r', D.resistance, 4.56e3, 'Threshold filter resistor. S3: identical to the synapse filter, 4.56 kOhm.', { unit: 'kOhm' }),
      pos('c_r', D.capacitance, 10.14e-12, 'Threshold filter capacitor. S3: 10.14 pF.', { unit: 'pF' }),
      pos('threshold', D.voltage, 0.55, 'Bias V_th of the comparator\'s reference input. S3: 550 mV.', { unit: 'mV', max: 50 }),
      nonneg('theta', D.none, 1, 'Weight of the feedback h in the threshold. Assumed 1 (the comparator output drives the filter directly).', { max: 100 }),
      pos('step', D.time, 10e-9, 'Time step = input spike width, in data time. S3: 10 ns (with timescale 1).', { unit: 'ns', scaled: true }),
      enm('reset', ['adaptive', 'hard'], 'adaptive', 'adaptive: threshold V_th + theta h (S3); hard: clear the state after a spike (S3 ablation: N-MNIST 98.40 -> 95.31 %, SHD 85.69 -> 26.36 %).'),
      pos('r_psp', D.resistance, null, 'Bit-line resistor to ground turning the column current into the PSP. Not published in S3.', { unit: 'kOhm' }),
      count('opamps', 2, 'Op-amps per neuron (comparator and bias source, S3 Fig. 6), for the cost model.', 0, 16),
      count('inverters', 2, 'Inverters restoring the output spike to V_DD (S3).', 0, 16),
    ],
  },
  {
    name: 'dpi_lif',
    ...neuronBase,
    doc: 'S4\'s differential-pair-integrator (DPI) synapse driving a LIF membrane capacitor: a double-exponential synaptic current (tau_rise, tau_fall) set by the bias v_syn_tau on C_syn, and a membrane leak set by v_mem_tau on C_mem (tau = C U_T / (kappa I_tau)). threshold null: no firing, the membrane peak is the output (S4\'s digit decision).',
    ports: NEURON_PORTS,
    props: [
      pos('tau_rise', D.time, 0.5e-3, 'Rise time constant of the synaptic current, data time. S4: 0.5 ms.', { unit: 'ms', scaled: true }),
      pos('tau_fall', D.time, 2e-3, 'Decay time constant of the synaptic current, data time. S4: 2.0 ms.', { unit: 'ms', scaled: true }),
      pos('c_syn', D.capacitance, 260e-12, 'DPI synapse capacitor. S4: 260 pF.', { unit: 'pF' }),
      pos('v_syn_tau', D.voltage, 1.44, 'Gate bias setting the synaptic time constant (MP1). S4: 1.44 V.', { unit: 'V', max: 10 }),
      pos('tau_mem', D.time, 15e-3, 'Membrane time constant, data time. S4: 15 ms.', { unit: 'ms', scaled: true }),
      pos('c_mem', D.capacitance, 260e-9, 'Membrane capacitor. S4: 260 nF.', { unit: 'nF' }),
      pos('v_mem_tau', D.voltage, 0.1, 'Gate bias of the membrane leak transistor (MN5). S4: 0.1 V.', { unit: 'V', max: 10 }),
      pos('threshold', D.voltage, null, 'Firing threshold of the membrane; null: the neuron never fires and reports its membrane peak (S4 digits: largest peak over 100 ms).', { unit: 'mV', max: 50 }),
      qty('v_reset', D.voltage, 0, 'Membrane potential after a spike. Default 0 V.', { unit: 'mV', min: -50, max: 50 }),
      nonneg('refractory', D.time, 0, 'Refractory time after a spike, data time. Default 0.', { unit: 'ms', scaled: true }),
      pos('kappa', D.none, 0.7, 'Subthreshold slope factor of the DPI transistors. Assumed 0.7 (S4 names it without a value).', { max: 1 }),
      pos('u_t', D.voltage, 25.85e-3, 'Thermal voltage kT/q. 25.85 mV at 300 K.', { unit: 'mV', max: 1 }),
      pos('weight_gain', D.conductance, 300e-6, 'Transconductance from the input level (the TIA and inverting stage, volts) to the DPI synaptic current. Assumed 300 uS: in the S4 example one 900 us pulse at 200 uS lifts the membrane by about 70 mV.', { unit: 'uS', max: 1 }),
      frac('noise', 0, 'Relative noise on the synaptic current (S4 tolerates up to 7 %; final 5 %). Default 0.'),
    ],
  },
  {
    name: 'ts_hybrid',
    ...neuronBase,
    doc: 'S2\'s hybrid memristor-CMOS neuron: a threshold-switching memristor integrates node 1, a series read-out transistor limits the current; latches L1, L2 on a shared clock shape the fire event: spike = L2 AND CLK, lateral inhibition = L1 OR L2; L2 grounds node 1 (refractory period, potentiation of active inputs), L1 drives the depression module. Hardware time: the TS device does not time-scale.',
    ports: [
      ...NEURON_PORTS,
      { name: 'inhibit', dir: 'out', width: 'dim0', doc: 'Lateral-inhibition signal L1 OR L2, one per neuron (to an lia).' },
      { name: 'gate', dir: 'in', width: 'dim0', doc: 'Gate enable from an lia: a low gate blocks the neuron\'s synapses (winner-take-all).' },
    ],
    props: [
      ref('device', 'device', ['ts_memristor'], undefined, 'The threshold-switching memristor (S2: Au/Ag/SiO2:Ag/Au).'),
      pos('r_series', D.resistance, 10e3, 'Resistance between the input and node 1 in a stand-alone test. S2 Fig. 3b: S1 = 10 kOhm (a fixed resistor in place of a synapse).', { unit: 'kOhm' }),
      pos('r_read', D.resistance, 100e3, 'Read-out resistance from the TS device to ground (node 2). Fitted 100 kOhm: node 2 must reach v_fire when the device is ON (at least about 6 kOhm at 1.4 V); S2 does not publish it.', { unit: 'kOhm' }),
      pos('v_fire', D.voltage, 0.5, 'Voltage on node 2 that L1 reads as a fire event. Assumed 0.5 V.', { unit: 'V', max: 10 }),
      pos('refractory', D.time, 500e-6, 'Refractory period: node 1 held at ground by T1. S2: 500 us (plus a 250 us interval before the next pulse).', { unit: 'us' }),
      ref('clock', 'circuit', ['clock'], null, 'The shared clock (a declared clock circuit); overrides clock_frequency.'),
      pos('clock_frequency', D.frequency, 2e3, 'Clock of the latches when no clock is given. S2: 2 kHz, 50 % duty.', { unit: 'kHz' }),
      pos('spike_amplitude', D.voltage, 2.0, 'Output spike amplitude. S2: 2.0 V, identical spikes.', { unit: 'V', max: 20 }),
      pos('spike_width', D.time, 250e-6, 'Output spike width (one clock high phase). S2: 250 us.', { unit: 'us' }),
      pos('inhibit_amplitude', D.voltage, 1.5, 'Level of the lateral-inhibition output. S2 Fig. 4c: "1" = 1.5 V.', { unit: 'V', max: 20 }),
      bool('depression', true, 'Enable the depression module (T3, G2, buffer) that lifts node 1 after a fire. S2 Fig. 3b disables it for the neuron test.'),
      nonneg('v_depress', D.voltage, 1.0, 'Potential node 1 is lifted to by the depression module. Assumed 1.0 V (S2 Supplementary Fig. 3).', { unit: 'V', max: 20 }),
      bool('stochastic', true, 'Draw the TS integration and relaxation times at random. S2: with it off one greedy neuron wins every pattern (Supplementary Fig. 11).'),
    ],
  },
];
