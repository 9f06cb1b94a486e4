// The TS device physics (src/twin/models/ts-device.ts) on its own: the time laws for one
// long pulse, relaxation, S2 Fig. 2e/2f pulse-train integration with a device parameter set
// fitted to those figures, sub-threshold firing without a refractory period, and the
// log-normal spreads.
import { describe, expect, it } from 'vitest';
import { params } from '../../../src/twin/engine/params.js';
import { createRng } from '../../../src/twin/rng.js';
import { FIG2_DEVICE } from './fixtures.js';
import { lognormalUnitMean, meanIntegrationTime, meanRelaxationTime, readTsLaw, registryDefault, TsDeviceBank, type TsLaw } from '../../../src/twin/models/ts-device.js';


/**
 * Drive one device directly with a train of rectangular pulses (amplitude V, width w,
 * period P) through a series read-out resistor r_read (S2 Fig. 2c inset), the device
 * voltage being V R / (R + r_read) with R = r_on or r_off. Returns, per pulse, whether the
 * device was ON at the pulse's start and whether it was ON at its end.
 */
function pulseTrain(law: TsLaw, V: number, w: number, P: number, count: number, rRead = 1e3): Array<{ onAtStart: boolean; onAtEnd: boolean }> {
  const b = new TsDeviceBank(1, law, null);
  const out: Array<{ onAtStart: boolean; onAtEnd: boolean }> = [];
  const vd = (v: number): number => { const R = b.resistance(0); return v * R / (R + rRead); };
  // run until `until` seconds with the input at v, switching as predicted
  let now = 0;
  const runTo = (until: number, v: number): void => {
    b.drive(0, vd(v));
    for (;;) {
      const dt = b.timeToSwitch(0);
      if (now + dt > until) { b.advance(0, until - now); now = until; return; }
      b.advance(0, dt); now += dt; b.switchNow(0); b.drive(0, vd(v));
    }
  };
  for (let k = 0; k < count; k++) {
    const onAtStart = b.on[0] === 1;
    runTo(k * P + w, V);
    out.push({ onAtStart, onAtEnd: b.on[0] === 1 });
    runTo((k + 1) * P, 0.05); // 0.05 V monitor between pulses (below v_hold)
  }
  return out;
}

function firstFire(tr: Array<{ onAtEnd: boolean }>): number {
  return tr.findIndex((p) => p.onAtEnd) + 1;
}

describe('ts-device: time laws', () => {
  const law = readTsLaw(params({}));

  it('reads the registry defaults when nothing is given', () => {
    expect(law.tInt).toBe(registryDefault('ts_memristor', 't_int', NaN));
    expect(law.vRelaxSlope).toBe(registryDefault('ts_memristor', 'v_relax_slope', NaN));
    expect(readTsLaw(params({ 'device.t_int': 1e-3 })).tInt).toBe(1e-3);
    expect(readTsLaw(params({ t_int: 2e-3, 'device.t_int': 1e-3 })).tInt).toBe(2e-3);
  });

  it('one long pulse switches after exactly t_int(V); the device relaxes exactly t_relax(V) after it', () => {
    for (const V of [1.0, 1.2, 1.4]) {
      const b = new TsDeviceBank(1, law, null);
      b.drive(0, V);
      const ti = b.timeToSwitch(0);
      expect(ti / meanIntegrationTime(law, V) - 1).toBeLessThan(1e-14);
      b.advance(0, ti);
      expect(b.switchNow(0)).toBe(1);
      b.drive(0, 0.05);
      const tr = b.timeToSwitch(0);
      expect(Math.abs(tr / meanRelaxationTime(law, V) - 1)).toBeLessThan(1e-14);
      b.advance(0, tr);
      expect(b.switchNow(0)).toBe(-1);
      expect(b.s[0]).toBe(0);
    }
    // the trends of S2 Fig. 2d
    expect(meanIntegrationTime(law, 1.4)).toBeLessThan(meanIntegrationTime(law, 1.0));
    expect(meanRelaxationTime(law, 1.4)).toBeGreaterThan(meanRelaxationTime(law, 1.0));
  });
});

describe('ts-device: S2 Fig. 2e/2f with the fitted device', () => {
  const law = readTsLaw(params({ ...FIG2_DEVICE }));

  it('1.1 V, 250 us pulses 250 us apart: the first fire on the fourth pulse, then sub-threshold firing', () => {
    const tr = pulseTrain(law, 1.1, 250e-6, 500e-6, 8);
    expect(firstFire(tr)).toBe(4);
    // the interval (250 us) is shorter than the relaxation: the device is still ON when the
    // next pulse comes, so it "fires" on every pulse after the first (no refractory period)
    for (let k = 4; k < 8; k++) expect(tr[k]!.onAtStart).toBe(true);
  });

  it('fewer pulses to fire at higher amplitude (1.0 to 1.4 V)', () => {
    const counts = [1.0, 1.1, 1.2, 1.3, 1.4].map((V) => firstFire(pulseTrain(law, V, 250e-6, 500e-6, 40)));
    for (const c of counts) expect(c).toBeGreaterThan(0);
    for (let k = 1; k < counts.length; k++) expect(counts[k]!).toBeLessThanOrEqual(counts[k - 1]!);
    expect(counts[0]!).toBeGreaterThan(counts[4]!);
  });

  it('with the registry values of this writing the 1.1 V train never fires (leak per gap > gain per pulse)', () => {
    // t_int 500 us, v_int_slope 0.25 V, t_relax 300 us, v_relax_slope 0.5 V (devices.ts):
    // t_int(1.1 V) = 746 us, t_relax(1.1 V) = 246 us < the 250 us interval
    const def = readTsLaw(params({ t_int: 500e-6, v_int_slope: 0.25, t_relax: 300e-6, v_relax_slope: 0.5 }));
    expect(firstFire(pulseTrain(def, 1.1, 250e-6, 500e-6, 40))).toBe(0);
  });
});

describe('ts-device: stochasticity', () => {
  it('log-normal factors have mean 1 and the given coefficient of variation', () => {
    const r = createRng(7).stream('t');
    const N = 200000, cv = 0.2;
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const x = lognormalUnitMean(r, cv); s += x; s2 += x * x; }
    const mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
    expect(Math.abs(mean - 1)).toBeLessThan(0.003);
    expect(Math.abs(sd - cv)).toBeLessThan(0.003);
  });

  it('draws integration factors per driving interval and a relaxation factor per relaxing interval', () => {
    const law = readTsLaw(params({}));
    const b = new TsDeviceBank(2, law, createRng(3).stream('ts'));
    const r0 = b.mRelax[0]!;
    expect(r0).not.toBe(1);
    expect(b.mRelax[1]).not.toBe(r0);
    b.drive(0, 1.2);
    const m0 = b.mInt[0]!;
    expect(m0).not.toBe(1);
    b.drive(0, 1.1); // still driving: same draw
    expect(b.mInt[0]).toBe(m0);
    expect(b.mRelax[0]).toBe(r0);
    b.drive(0, 0);
    expect(b.mRelax[0]).not.toBe(r0);
    b.drive(0, 1.2);
    expect(b.mInt[0]).not.toBe(m0);
  });
});
