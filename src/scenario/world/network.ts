/**
 * How a host is reached and what it answers: interfaces and addresses, routes, names, open
 * ports and HTTP. (Owned by the network programs: ping, dig, curl, ss, nc, nmap.)
 */
import * as v from 'valibot';

export const NetworkSpecSchema = v.strictObject({
  /** Addresses of this host (the first is its primary one). */
  addresses: v.optional(v.array(v.string())),
});

export type NetworkSpec = v.InferOutput<typeof NetworkSpecSchema>;
