// Vitest global setup: packs and installs once, hands the project to every test file, removes it afterwards.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type ConsumerProject, createConsumerProject } from './project.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: ConsumerProject;
  }
}

export default function setup(project: TestProject): () => void {
  const started = performance.now();
  const consumer = createConsumerProject();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`consumer project: ${consumer.dir} (packed and installed in ${seconds} s)`);
  project.provide('consumer', consumer);
  return () => rmSync(consumer.dir, { recursive: true, force: true });
}
