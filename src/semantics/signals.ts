// The signals a probe can name on an instance of each kind: what the twin can trace.
// (spike: 1-bit; the others are real-valued analog nodes or conductances.)
const SIGNALS: Record<string, readonly string[]> = {
  crossbar: ['g', 'i', 'v'],
  tia: ['v', 'i'],
  srm: ['spike', 'v', 'psp', 'h', 'threshold'],
  lif: ['spike', 'v', 'i'],
  adaptive_threshold: ['spike', 'v', 'k', 'h', 'threshold'],
  dpi_lif: ['spike', 'v', 'i_syn'],
  ts_hybrid: ['spike', 'v', 'inhibit', 'l1', 'l2', 'g_ts'],
  lia: ['gate', 'v'],
  hebbian: ['g'],
  stdp: ['g', 'trace_pre', 'trace_post'],
  clock: ['clk'],
  latch: ['q'],
  io: ['spike'],
};

export function signalsOf(kind: string): readonly string[] { return SIGNALS[kind] ?? []; }
