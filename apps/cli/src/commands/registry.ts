/** Every `whittle` command, by name. Adding a command means adding it here. */
import { benchCommand } from './bench.ts';
import type { Command } from './command.ts';
import { groupsCommand } from './groups.ts';
import { inspectCommand } from './inspect.ts';
import { pruneCommand } from './prune.ts';
import { recipeCommand } from './recipe.ts';

/** @public */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([inspectCommand, groupsCommand, pruneCommand, benchCommand, recipeCommand].map((c) => [c.name, c]));
