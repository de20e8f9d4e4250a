/**
 * Fetches a file the server gives only with the link's secret in a header, and hands it to the
 * browser as a download (an <a href> cannot carry the header). False when it could not be fetched.
 */
export async function downloadFile(url: string, secret: string, name: string): Promise<boolean> {
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    if (!response.ok) return false;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return true;
  } catch {
    return false;
  }
}
