// A shell: the BullMQ workers arrive with the studio server issue. Exits 0 so `pnpm --filter @whittle/worker start` is safe to run.
console.log('Whittle worker: job workers arrive with the studio server issue; nothing to run yet.');
