/** Every `whittle` command, by name. Adding a command means adding it here. */
import type { Command } from './command.ts';
import { groupsCommand } from './groups.ts';
import { inspectCommand } from './inspect.ts';
import { pruneCommand } from './prune.ts';

/** @public */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([inspectCommand, groupsCommand, pruneCommand].map((c) => [c.name, c]));
