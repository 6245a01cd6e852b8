/** Thrown for misuse of the simulator itself (bad options, scripting an absent record). */
export class Pax8SimulatorError extends Error {
  /** The option or argument at fault. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'Pax8SimulatorError';
    this.field = field;
  }
}
