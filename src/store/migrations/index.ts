// Migrations are TypeScript modules imported here by name, not found by scanning a folder: knex's default
// loader would look for .js files under tsx and .ts files under dist/, and get one of the two wrong.
import type { Knex } from 'knex';
import * as m001 from './001_initial.js';
import * as m002 from './002_action_audit.js';
import * as m003 from './003_binding_actions.js';
import * as m004 from './004_action_followups.js';

interface Migration { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }

const MIGRATIONS: [string, Migration][] = [
  ['001_initial', m001],
  ['002_action_audit', m002],
  ['003_binding_actions', m003],
  ['004_action_followups', m004],
];

export class StaticMigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> { return MIGRATIONS.map(([name]) => name); }
  getMigrationName(name: string): string { return name; }
  async getMigration(name: string): Promise<Knex.Migration> {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found[1];
  }
}

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]![0];
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);
