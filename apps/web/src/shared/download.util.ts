// Client-side file download: the data is already in the page, so no second request to the API.
export function downloadTextFile({ fileName, text, mimeType }: { fileName: string; text: string; mimeType: string }): void {
  // A byte order mark makes spreadsheet programs read UTF-8 (carrier names with accents) correctly.
  const blob = new Blob(['\uFEFF', text], { type: `${mimeType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers start reading the blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
