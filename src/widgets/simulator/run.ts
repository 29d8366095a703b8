/**
 * The heavy half of the simulator, loaded by dynamic import on first interaction by
 * <certlab-simulator> and <certlab-sandbox>: the core's run (src/core/sim/run.ts) with the
 * browser's WebCrypto.
 */
import { runScenario as runWith, type SimRunResult } from '../../core/sim/run.ts';
import type { Scenario } from '../../core/sim/scenario.ts';

export type { ClientRow, SimRun, SimRunResult } from '../../core/sim/run.ts';

export function runScenario(scenario: Scenario, at: number): Promise<SimRunResult> {
  return runWith(scenario, at, globalThis.crypto);
}
