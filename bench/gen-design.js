// Generates a large, valid .snn program of about `lines` lines for front-end benchmarks:
// constants, devices, derived neurons, and macros with crossbars, TIAs, neuron arrays and
// connect chains, so that every phase (lex, parse, check, elaborate) does real work.
export function generateDesign(lines) {
  const out = ['import "std/devices.snn";', 'import "std/neurons.snn";', ''];
  let i = 0;
  while (out.length < lines) {
    out.push(`// block ${i}`);
    out.push(`const VDD_${i} = 1.8V + ${i % 7} * 10mV;`);
    out.push(`const TAU_${i} = 4.56kOhm * 10.14pF * ${1 + (i % 5)};`);
    out.push(`device Dev${i} : rram {`);
    out.push(`  g_min = ${2 + (i % 3)}uS;`);
    out.push(`  g_max = ${150 + i % 50}uS;`);
    out.push('  levels = 32;');
    out.push('  program_sigma = 3%;');
    out.push('  read_noise = 1%;');
    out.push('  read_voltage = 0.2V;');
    out.push('}');
    out.push(`neuron N${i} : srm {`);
    out.push(`  tau_s = ${10 + (i % 40)}ms;`);
    out.push('  tau_r = tau_s_base / 10;'.replace('tau_s_base', `${10 + (i % 40)}ms`));
    out.push(`  r_s = 100kOhm;`);
    out.push(`  r_r = 100kOhm;`);
    out.push(`  threshold = 0.5V;`);
    out.push(`  clip = [0V, VDD_${i}];`);
    out.push('}');
    out.push(`macro M${i}(rows = ${16 + (i % 16)}, cols = ${4 + (i % 8)}) {`);
    out.push('  timescale = 1000;');
    out.push(`  crossbar xb[rows, cols] {`);
    out.push(`    device = Dev${i};`);
    out.push('    cell = 1T1R;');
    out.push('    config = MOD;');
    out.push('    differential = true;');
    out.push('  }');
    out.push(`  tia t[cols] { gain = 10kOhm; differential = true; clip = [0V, VDD_${i}]; }`);
    out.push(`  neurons n[cols] : N${i};`);
    out.push('  connect xb.columns -> t -> n;');
    out.push('}');
    out.push('');
    i++;
  }
  return out.join('\n');
}
