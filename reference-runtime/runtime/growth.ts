// Counts memory.grow / table.grow attempts that the spec lets fail or succeed
// (spec 4.4.7: "growmem may fail for reasons of resource exhaustion"), so an
// invocation can say its results depended on such a choice.
export const growth = { choices: 0 };
