/** Starts bench/webhooks-simulator.ts in its own process and talks to it over its IPC control channel. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Pax8Latency } from '@pax8-sync/testing';

const root = fileURLToPath(new URL('../', import.meta.url));

/** What the child was started with (see bench/webhooks-simulator.ts). */
export interface SimulatorConfig {
  seed: number;
  companies: number;
  products: number;
  subscriptions: number;
  latencyMs: number;
  deliveries: boolean;
  deliveryDelayMs: Pax8Latency;
  /** Share of deliveries Pax8 sends twice (0–1). */
  duplicateRate: number;
}

/** Counters of the child since its last reset. */
export interface SimulatorCounters {
  /** API requests, the token endpoint excluded. */
  requests: number;
  /** Token requests. */
  tokens: number;
  /** Webhook delivery attempts: answered 2xx (first copies), failed, duplicate copies. */
  deliveries: { success: number; failed: number; duplicate: number };
}

/** An Active subscription of the simulated world. */
export interface SimulatedSubscription {
  id: string;
  companyId: string;
  quantity: number;
}

/** The simulator child. */
export interface SimulatorChild {
  url: string;
  clientId: string;
  clientSecret: string;
  companyIds: string[];
  /** Sets a subscription's quantity in Pax8; resolves with the time (epoch ms) it changed. */
  change(subscriptionId: string, quantity: number): Promise<number>;
  counters(): Promise<SimulatorCounters>;
  reset(): Promise<void>;
  /** Resolves once no delivery is waiting or in flight. */
  settled(): Promise<void>;
  subscriptions(): Promise<SimulatedSubscription[]>;
  stop(): Promise<void>;
}

type Reply = { seq: number; error?: string } & Record<string, unknown>;

/** Spawns the simulator child and resolves once it listens. */
export function startSimulatorChild(config: SimulatorConfig): Promise<SimulatorChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/webhooks-simulator.ts'], {
    cwd: root,
    env: { ...process.env, PAX8_BENCH_SIMULATOR: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  let seq = 0;
  child.on('message', (reply: Reply) => waiting.get(reply.seq)?.(reply));
  const ask = (op: string, fields: Record<string, unknown> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      seq += 1;
      const mine = seq;
      waiting.set(mine, (reply) => {
        waiting.delete(mine);
        if (reply.error) reject(new Error(`simulator child: ${reply.error}`));
        else resolve(reply);
      });
      child.send({ seq: mine, op, ...fields });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      const info = JSON.parse(out.slice(0, newline)) as Pick<SimulatorChild, 'url' | 'clientId' | 'clientSecret' | 'companyIds'>;
      resolve({
        ...info,
        change: async (subscriptionId, quantity) => (await ask('change', { subscriptionId, quantity })).at as number,
        counters: async () => (await ask('counters')) as unknown as SimulatorCounters,
        reset: async () => void (await ask('reset')),
        settled: async () => void (await ask('settled')),
        subscriptions: async () => (await ask('subscriptions')).subscriptions as SimulatedSubscription[],
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`simulator child exited with ${code}`)));
  });
}
