// Design checks (warnings), each with a valid and an invalid design; the numbers in the
// messages are recomputed here from the definitions (R_on = 1 / (k' W/L (V_gate - V_th)),
// C = tau / (timescale R)).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontEnd } from '../../src/driver/pipeline.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-chk-'));
let n = 0;
function warnings(text: string) {
  const f = path.join(dir, `c${n++}.snn`);
  fs.writeFileSync(f, text);
  const r = frontEnd(f);
  expect(r.diags.items.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return { ds: r.diags.items.filter((d) => d.severity === 'warning'), ir: r.ir! };
}
const nmos = 'device Sel : nmos { k_prime = 55.74uA / 1V^2; v_th = 0.7V; v_gate = 3V; }\ndevice Mem : rram { g_max = 1mS; }\n';

describe('SNN6001 selector on-resistance (S4: within 10 % of the LRS)', () => {
  it('warns at W/L = 5 with the percentage computed from the triode model', () => {
    const { ds } = warnings(nmos + 'macro M { crossbar xb[2, 2] { device = Mem; selector = Sel; selector_wl = 5; } }');
    const ron = 1 / (55.74e-6 * 5 * (3 - 0.7));
    expect(ds.map((d) => d.code)).toEqual(['SNN6001']);
    expect(ds[0]!.message).toContain(`${(100 * ron / 1e3).toFixed(1)} %`);
  });
  it('is quiet when R_on is under 10 % of the 1 kOhm LRS (W/L = 80: about 97 Ohm)', () => {
    const ron = 1 / (55.74e-6 * 80 * (3 - 0.7));
    expect(ron).toBeLessThan(100);
    expect(warnings(nmos + 'macro M { crossbar xb[2, 2] { device = Mem; selector = Sel; selector_wl = 80; } }').ds).toEqual([]);
  });
});

describe('SNN6002 MOS configuration loses V_th', () => {
  it('warns for MOS, not for MOD', () => {
    const mos = warnings(nmos + 'macro M { crossbar xb[2, 2] { device = Mem; selector = Sel; selector_wl = 80; config = MOS; } }').ds;
    expect(mos.map((d) => d.code)).toEqual(['SNN6002']);
    expect(mos[0]!.message).toContain('at most 2.3 V');
    expect(warnings(nmos + 'macro M { crossbar xb[2, 2] { device = Mem; selector = Sel; selector_wl = 80; config = MOD; } }').ds).toEqual([]);
  });
});

describe('SNN6003 capacitor below the technology floor', () => {
  const src = (k: number) => `technology T { vdd = 1V; cap_floor = 10fF; }
neuron N : srm { tau_s = 1ms; r_s = 100kOhm; tau_r = 1ms; r_r = 100kOhm; }
macro M { technology = T; timescale = ${k}; neurons n[1] : N; }`;
  it('warns when timescale makes C = tau / (k R) smaller than the floor', () => {
    // k = 1e7: C = 1e-3 / 1e7 / 1e5 = 1 fF < 10 fF
    expect(warnings(src(1e7)).ds.map((d) => d.code)).toEqual(['SNN6003', 'SNN6003']);
  });
  it('is quiet at the floor and above it', () => {
    expect(warnings(src(1e6)).ds).toEqual([]); // 1e-3 / 1e6 / 1e5 = 10 fF, exactly the floor
    expect(warnings(src(10)).ds).toEqual([]);
  });
});

describe('SNN6004 spike narrower than the array passes', () => {
  it('warns below min_spike_width, not at it', () => {
    expect(warnings('macro M { io { spike_width = 200ps; min_spike_width = 267ps; } }').ds.map((d) => d.code)).toEqual(['SNN6004']);
    expect(warnings('macro M { io { spike_width = 267ps; min_spike_width = 267ps; } }').ds).toEqual([]);
  });
  it('puts warnings in the IR too', () => {
    const { ir } = warnings('macro M { io { spike_width = 200ps; } }');
    expect(ir.warnings.map((w) => w.code)).toEqual(['SNN6004']);
  });
});
