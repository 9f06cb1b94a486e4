// The technology kind: the process a macro is built in, and the unit costs that the cost model
// multiplies by instance counts and activity (area per component, energy per action, static
// power). Input: nothing. Output: the `technology` KindSchema. Invariant: every default is SI;
// defaults are generic 180 nm-class assumptions unless the doc names a seed; lang/std/
// technology.snn gives each seed's process its own values.
import { D } from '../../units/dimension.js';
import type { KindSchema } from '../schema.js';
import { DX, nonneg, pos, qty } from './props.js';

const um2 = 1e-12;

export const TECHNOLOGY_KINDS: readonly KindSchema[] = [
  {
    name: 'technology',
    category: 'technology',
    doc: 'A CMOS process with its back-end memristor integration: geometry, passives and the unit area, energy and power the cost model charges per component and per action.',
    dims: [],
    props: [
      pos('node', D.length, null, 'Feature size; optional for discrete (PCB) builds such as S2. S1 unstated (180 nm assumed), S3 65 nm, S4 500 nm.', { unit: 'nm', max: 10e-6 }),
      pos('vdd', D.voltage, undefined, 'Core supply; also the default clipping rail. S3: 1 V.', { unit: 'V', max: 50 }),
      nonneg('temperature', D.temperature, 300, 'Operating temperature, for thermal voltage and noise. Assumed 300 K.', { unit: 'K', max: 500 }),
      // ------------------------------------------------------------------ passives
      pos('cap_density', DX.capDensity, 2e-15 / um2, 'Capacitance per area of the on-chip (MIM) capacitor. 2 fF/um^2, consistent with S3\'s 0.0125 mm^2 for two 10.14 pF capacitors plus op-amps.', { unit: 'fF/um^2' }),
      nonneg('cap_floor', D.capacitance, 10e-15, 'Parasitic floor: a capacitor implied below this is dominated by wiring and device parasitics (design check SNN6003). Assumed 10 fF.', { unit: 'fF' }),
      pos('res_sheet', D.resistance, 1e3, 'Sheet resistance (Ohm per square) of the high-resistance poly used for kernel resistors. Assumed 1 kOhm/sq.', { unit: 'Ohm' }),
      pos('res_width', D.length, 0.5e-6, 'Drawn width of a kernel resistor; area = (R / res_sheet) squares x res_width^2. Assumed 0.5 um.', { unit: 'um' }),
      nonneg('res_floor', D.resistance, 100, 'Smallest practical resistor; below it contacts and wiring dominate (design check SNN6003). Assumed 100 Ohm.', { unit: 'Ohm' }),
      nonneg('wire_cap', DX.capPerLength, 0.2e-15 / 1e-6, 'Wiring capacitance per length of an array line; with the cell pitch sqrt(cell_area) it gives the line capacitance per cell. Assumed 0.2 fF/um.', { unit: 'fF/um' }),
      // ------------------------------------------------------------------ areas
      pos('cell_area', D.area, 1 * um2, 'Footprint of one 1T1R (or 1R) array cell, selector included. Assumed 1 um^2; S1 Fig. S13b charges the array 21.89 % of the die.', { unit: 'um^2' }),
      nonneg('tia_area', D.area, 300 * um2, 'Area of one transimpedance amplifier (op-amp with feedback resistor). Assumed 300 um^2.', { unit: 'um^2' }),
      nonneg('opamp_area', D.area, 300 * um2, 'Area of one general op-amp (buffer, bias source, inverting stage). Assumed 300 um^2; S3 fit about 1150 um^2 at 65 nm.', { unit: 'um^2' }),
      nonneg('comparator_area', D.area, 150 * um2, 'Area of one comparator (the neuron\'s firing decision, the LIA\'s outputs). Assumed 150 um^2.', { unit: 'um^2' }),
      nonneg('latch_area', D.area, 20 * um2, 'Area of one D latch or flip-flop. Assumed 20 um^2.', { unit: 'um^2' }),
      nonneg('gate_area', D.area, 5 * um2, 'Area of one logic gate (AND, OR, inverter). Assumed 5 um^2.', { unit: 'um^2' }),
      nonneg('driver_area', D.area, 50 * um2, 'Area of one word-line (row) spike driver. Assumed 50 um^2.', { unit: 'um^2' }),
      nonneg('io_area', D.area, 2000 * um2, 'Area of one I/O channel (pad driver or receiver with ESD). Assumed 2000 um^2; S1 Fig. S13b charges I/O 29.51 % of the die.', { unit: 'um^2' }),
      nonneg('overhead_area', D.area, 0, 'Fixed macro area outside the modelled components (decoders, programming DACs, bias). Default 0.', { unit: 'mm^2' }),
      // ------------------------------------------------------------------ energy and power
      nonneg('tia_power', D.power, 50e-6, 'Static power of one active TIA; the cost model charges tia_power x active time (S1 Fig. S13a: TIAs take 55.76 % of the energy). Assumed 50 uW.', { unit: 'uW' }),
      nonneg('opamp_power', D.power, 50e-6, 'Static power of one active general op-amp. Assumed 50 uW; S3 fit about 0.53 mW at 65 nm.', { unit: 'uW' }),
      nonneg('comparator_power', D.power, 20e-6, 'Static power of one active comparator. Assumed 20 uW; S3 fit about 0.53 mW (an op-amp used as comparator).', { unit: 'uW' }),
      nonneg('bias_power', D.power, 0, 'Static power of the macro\'s shared bias and reference circuits while active. Default 0.', { unit: 'uW' }),
      nonneg('leakage_density', DX.powerDensity, 0, 'Leakage power per area of logic and periphery, charged over the whole run. Default 0.', { unit: 'W/m^2' }),
      nonneg('driver_energy', D.energy, 50e-15, 'Energy of one row driver to send one spike into the array (line charging excluded: the array\'s C V^2 is computed). Assumed 50 fJ.', { unit: 'fJ' }),
      nonneg('io_energy', D.energy, 1e-12, 'Energy per spike through one I/O channel (S1: I/O second after the TIAs in Fig. S13a). Assumed 1 pJ.', { unit: 'pJ' }),
      nonneg('latch_energy', D.energy, 5e-15, 'Energy per clock edge per latch. Assumed 5 fJ.', { unit: 'fJ' }),
      nonneg('gate_energy', D.energy, 1e-15, 'Energy per output toggle of one logic gate. Assumed 1 fJ.', { unit: 'fJ' }),
      nonneg('clock_energy', D.energy, 10e-15, 'Energy of the clock network per clock edge per driven sink. Assumed 10 fJ.', { unit: 'fJ' }),
      nonneg('program_energy', D.energy, 10e-12, 'Energy of one program (SET/RESET/verify) pulse on one cell, for in-situ learning and tuning. Assumed 10 pJ.', { unit: 'pJ' }),
      qty('area_utilisation', D.none, 1, 'Fraction of the layout occupied by drawn devices (1 = sum of component areas). Default 1.', { min: 0, max: 1, gt: true }),
    ],
  },
];
