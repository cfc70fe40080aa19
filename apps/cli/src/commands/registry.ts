/** Every `whittle` command, by name. Adding a command means adding it here. */
import type { Command } from './command.ts';
import { inspectCommand } from './inspect.ts';

/** @public */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([inspectCommand].map((c) => [c.name, c]));
