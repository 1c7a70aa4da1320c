import type { Kysely } from 'kysely';
import type { MetaSchema } from '../storage/meta-schema.js';
import { GroupRepository } from './group-repository.js';
import { KyselyPersonRepository } from './kysely-person-repository.js';
import type { PersonRepository } from './person-repository.js';

export interface IdentityRepos {
  persons: PersonRepository;
  groups: GroupRepository;
}

/** Hands the identity step repositories bound to one meta-store transaction. */
export interface IdentityStores {
  transaction<T>(work: (repos: IdentityRepos) => Promise<T>): Promise<T>;
}

export class KyselyIdentityStores implements IdentityStores {
  private readonly persons: KyselyPersonRepository;
  private readonly groups: GroupRepository;

  constructor(private readonly db: Kysely<MetaSchema>) {
    this.persons = new KyselyPersonRepository(db);
    this.groups = new GroupRepository(db);
  }

  transaction<T>(work: (repos: IdentityRepos) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work({ persons: this.persons.withDb(trx), groups: this.groups.withDb(trx) }));
  }
}
