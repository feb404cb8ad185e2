import { downloadTextFile } from './download.util';

type CsvDownloadButtonProps = {
  fileName: string;
  // Built on click only: the figures already on the page, in the order the table shows them.
  csv: () => string;
  // What the file holds, e.g. "the hand-over gaps"; completes the button's accessible name.
  what: string;
  disabled?: boolean;
};

// The one CSV export control of every table: the visible text starts the accessible name (WCAG 2.5.3).
export function CsvDownloadButton({ fileName, csv, what, disabled = false }: CsvDownloadButtonProps) {
  return (
    <button
      type="button"
      className="button--quiet"
      disabled={disabled}
      aria-label={`Download CSV of ${what}`}
      onClick={() => downloadTextFile({ fileName, text: csv(), mimeType: 'text/csv' })}
    >
      Download CSV
    </button>
  );
}
