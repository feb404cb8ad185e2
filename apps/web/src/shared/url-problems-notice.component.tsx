// What a page could not read in its address (a bad date, an unknown filter): said once above the page,
// which shows what it could read.
export function UrlProblemsNotice({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--info" role="status">
      <p>{problems.join(' ')}</p>
    </div>
  );
}
