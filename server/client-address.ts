import { isPublicAddress } from './proxy/public-address';

/**
 * The address failures are counted against. X-Forwarded-For is only believed when the connection
 * comes from a private address (our own reverse proxy), and then its right-most entry (the one
 * that proxy added); a client talking to us directly could write any XFF it likes.
 */
export function clientAddress(request: Request, peer: string | undefined): string {
  if (peer && isPublicAddress(peer)) return peer;
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) || peer || 'unknown';
}
