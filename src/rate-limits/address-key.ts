import net from "node:net";

/**
 * The key a client address is counted under. IPv6 clients are counted per
 * /64, the block one subscriber gets, so cycling through the addresses of
 * one's own block starts no fresh budget; an IPv4-mapped IPv6 address counts
 * as its IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const withoutZone = address.split("%")[0]!;
  if (!net.isIPv6(withoutZone)) return address;
  return `${expandIPv6(withoutZone).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = new Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...middle, ...right].map((group) => (group.includes(".") ? group : group.replace(/^0+(?=.)/, "")));
}
