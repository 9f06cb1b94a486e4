// Process tuning for the command line: a larger young generation. Parsing allocates many
// short-lived objects (tokens, CST nodes); with V8's default 16 MiB semi-spaces about a third
// of the front end's time goes to scavenges. Imported first by bin/snn.js and by the
// benchmarks, so that the figures measure what users run.
import * as v8 from 'node:v8';

v8.setFlagsFromString('--max-semi-space-size=64');
