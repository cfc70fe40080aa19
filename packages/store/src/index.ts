/**
 * @whittle/store — persistence shared by the API and the workers (Node only): metadata in SQLite or PostgreSQL
 * behind one query layer, and content-addressed artifacts. The database is the source of truth for job state.
 * @packageDocumentation
 */
export {};
