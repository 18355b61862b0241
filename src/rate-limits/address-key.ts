import net from "node:net";

/**
 * The key a client address is counted under, by the rate limits, the sign-in
 * throttle and the websocket caps alike: an IPv4 address on its own (also when
 * written IPv4-mapped, `::ffff:10.0.0.1`), an IPv6 address by its /64, the
 * smallest block a single subscriber is usually given; anyone holding one can
 * take any address in it, so cycling through it starts no fresh budget.
 */
export function addressKey(address: string): string {
  const withoutZone = address.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutZone);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(withoutZone)) return withoutZone;
  return `${expandIPv6(withoutZone).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, each as a lower-case number without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, null];
  const parts = (part: string | null | undefined) => (part ? part.split(":") : []);
  const left = parts(head);
  const right = parts(tail);
  // An embedded IPv4 tail (`64:ff9b::1.2.3.4`) takes two groups.
  const last = right.length > 0 ? right : left;
  if (last.length > 0 && last[last.length - 1]!.includes(".")) {
    const octets = last.pop()!.split(".").map(Number);
    last.push(((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16));
  }
  const missing = tail === null ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => parseInt(group, 16).toString(16));
}
