// The metrics a sweep can ask for: what the twin and the cost model report per run.
export const METRICS: Readonly<Record<string, string>> = {
  accuracy: 'fraction of samples classified correctly (networks with labelled data)',
  energy: 'total energy of the run (J)',
  energy_per_inference: 'energy per sample or inference (J)',
  energy_per_spike: 'energy per output spike (J)',
  area: 'macro area (m^2)',
  latency: 'time from the first input to the decision (s, hardware time)',
  power: 'average power (W)',
  firing_rate: 'output spikes per neuron per second (Hz, data time)',
  spikes: 'output spike count',
  synaptic_ops: 'synaptic operations (one per active cell read)',
  tsops_per_w: 'synaptic operations per second per watt (x 1e12)',
  wall_time: 'simulation wall-clock time (s)',
};
