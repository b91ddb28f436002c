/** A labelled progress bar with its percentage written out; the bar itself carries the value for assistive tech. */
export function ProgressBar({ id, label, fraction }: { id: string; label: string; fraction: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div class="progress">
      <label for={id}>{label}</label>
      <div class="progress-line">
        <progress id={id} max={100} value={percent} aria-valuetext={`${percent} %`}>
          {percent} %
        </progress>
        <span class="progress-value" aria-hidden="true">
          {percent} %
        </span>
      </div>
    </div>
  );
}
