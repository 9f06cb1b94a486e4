// S2's neuron test (examples/s2_ts_network.snn, run `neuron_test`: one TSNeuron driven by
// 1.8 V, 2 kHz, 250 us pulses through r_series = 10 kOhm, depression off), through the front
// end, stimulusFromIR and the twin, against S2's datasheet (shared/seed-systems.md):
//   - fires on the fifth pulse of the first cycle, then node 1 is grounded for 500 us
//     (refractory) and the next cycle integrates from the pulse 750 us after the fire pulse
//     ends: switch during pulse 5 [2.00, 2.25) ms, output spike (L2 AND CLK) at 2.50 ms,
//     grounded [2.25, 2.75) ms swallowing pulse 6, spikes every 3 ms;
//   - the firing rate rises with the amplitude over the example's sweep 1.4..2.0 V (spikes
//     counted over the run's 20 ms).
// Stochasticity: the exact-pulse checks run with `stochastic = false` (the IR edited as the
// example's comment says): the paper's "fifth pulse" is the device's typical behaviour, and
// the AgTS time laws are fitted to it at their mean times; with the TS draws on, the first
// fire moves by a few pulses from seed to seed (S2: "both are random"), so the stochastic
// device is checked over seeds 1..100: the median first-fire pulse is the fifth, and the mean
// spike count still rises with amplitude.
import { describe, expect, it } from 'vitest';
import type { StimulusIR } from '../../../src/elaborate/ir.js';
import { simulate } from '../../../src/twin/simulate.js';
import { b, exampleIr, stimulusOf, twin, withProp } from './helpers.js';

const ms = 1e-3, us = 1e-6;
const base = exampleIr('s2_ts_network.snn', 'neuron_test');
const det = withProp(base, 'n', 'stochastic', b(false));

/** The example's pulse stimulus at another amplitude (what its `amplitude` sweep varies). */
function pulsesAt(amplitude: number): StimulusIR {
  const st = structuredClone(base.stimulus!);
  st.encoder!.args['amplitude'] = { q: amplitude, unit: 'V' };
  return st;
}

const firstFirePulse = (spikeTime: number): number => Math.round((spikeTime - 500 * us) / (500 * us)) + 1;

describe('S2 neuron test from the example', () => {
  it('the stimulus is 1.8 V, 2 kHz, 250 us pulses', () => {
    const st = stimulusOf(base);
    expect(st.count).toBe(40); // 20 ms at 2 kHz
    expect(st.times[4]).toBeCloseTo(2 * ms, 12);
    expect(st.amplitudes[0]).toBe(1.8);
    expect(st.widths[0]).toBeCloseTo(250 * us, 15);
  });

  it('fires on the fifth pulse, then stays refractory 500 us (stochastic off)', () => {
    const tw = twin(det, stimulusOf(det));
    const n = tw.model('n');
    tw.at(2000 * us - 1e-9); // four pulses in: not switched
    expect(n.read('on', 0)).toBe(0);
    expect(n.counters.extra['ts_switches'] ?? 0).toBe(0);
    tw.at(2250 * us - 1e-9); // during the fifth pulse: switched, L1 and the inhibition output up
    expect(n.read('on', 0)).toBe(1);
    expect(n.counters.extra['ts_switches']).toBe(1);
    expect(n.read('l1', 0)).toBe(1);
    expect(n.read('inhibit', 0)).toBe(1.5);
    expect(tw.spikes('n')[0]).toEqual([]);
    // refractory: node 1 grounded from L2's rise at 2.25 ms for 500 us, through pulse 6
    for (const t of [2250, 2400, 2500, 2600, 2749]) {
      tw.at(t * us);
      expect(n.read('grounded', 0)).toBe(1);
      expect(n.read('v1', 0)).toBe(0);
    }
    tw.at(2751 * us);
    expect(n.read('grounded', 0)).toBe(0);
    tw.at(3000 * us + 1e-9); // pulse 7 drives node 1 again
    expect(n.read('v1', 0)).toBeGreaterThan(1.7);
    tw.at(20 * ms);
    const spikes = tw.spikes('n')[0]!;
    expect(spikes[0]).toBeCloseTo(2.5 * ms, 12); // L2 AND CLK after the fire
    expect(firstFirePulse(spikes[0]!)).toBe(5);
    spikes.forEach((t, i) => expect(t).toBeCloseTo(2.5 * ms + 3 * ms * i, 12)); // 5 pulses + 1 swallowed per cycle
    expect(spikes).toHaveLength(6);
    expect(n.counters.extra['refractory_periods']).toBe(6);
  });

  it('through simulate(): output spikes of 2.0 V at the same times', () => {
    const r = simulate(det, stimulusOf(det));
    expect(r.errors).toEqual([]);
    expect(r.spikes['n[0]']!.times.map((t) => Math.round(t / us))).toEqual([2500, 5500, 8500, 11500, 14500, 17500]);
  });

  it('firing rate rises with amplitude 1.4 -> 2.0 V (the example sweep; stochastic off)', () => {
    const sweep = base.sweeps.find((s) => s.name === 'amplitude')!;
    const amps = sweep.vary[0]!.values.map((v) => ('q' in v ? v.q : NaN));
    expect(amps).toEqual([1.4, 1.6, 1.8, 2.0]);
    const counts = amps.map((a) => simulate(det, stimulusOf(det, pulsesAt(a))).spikes['n[0]']!.count);
    // 11 / 7 / 5 / 4 pulses to fire (+1 swallowed by the refractory period) over 20 ms
    expect(counts).toEqual([3, 5, 6, 8]);
  });

  it('stochastic device (the example as written), seeds 1..100: median first fire on the fifth pulse; mean rate rises', () => {
    const amps = [1.4, 1.6, 1.8, 2.0];
    const means: number[] = [];
    for (const a of amps) {
      const st = stimulusOf(base, pulsesAt(a));
      let sum = 0;
      const first: number[] = [];
      for (let seed = 1; seed <= 100; seed++) {
        const s = simulate(base, st, { seed }).spikes['n[0]']!;
        sum += s.count;
        if (s.count > 0) first.push(firstFirePulse(s.times[0]!));
      }
      means.push(sum / 100);
      if (a === 1.8) {
        first.sort((x, y) => x - y);
        expect(first[49]).toBe(5);
        expect(first[50]).toBe(5);
      }
    }
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeGreaterThan(means[i - 1]!);
  });
});
