/** The secret of a face's link travels in the URL's #fragment, which browsers never send to a server. */
export function secretFromLocation(location: Location = window.location): string | null {
  const secret = decodeURIComponent(location.hash.replace(/^#/, ''));
  return /^[A-Za-z0-9_-]{16,64}$/.test(secret) ? secret : null;
}
