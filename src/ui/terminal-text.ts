// The rule lives in core (pure) so output files and the step summary, written by adapters, apply
// the same one as the terminal sink.
export { neutralizeControls, oneLine } from '../core/control-text.js';
