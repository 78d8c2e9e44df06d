/** Types for random.mjs (the benches in TypeScript import it too). */
export declare function seededRandom(seed: number): () => number;
