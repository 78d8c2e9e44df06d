import { useId, useState } from 'react';
import { MAX_COMMENT_CHARS, MAX_TRAINEE_CHARS, MAX_VERDICT_CHARS, type RunReview } from '../../runs/format';
import type { ReviewEdit } from '../../runs/review';

type Field = Extract<ReviewEdit, { kind: 'run' }>['field'];

const FIELDS: readonly { field: Field; label: string; max: number; rows: number }[] = [
  { field: 'reviewer', label: 'Your name (shown to the trainee)', max: MAX_TRAINEE_CHARS, rows: 1 },
  { field: 'verdict', label: 'Verdict', max: MAX_VERDICT_CHARS, rows: 2 },
  { field: 'wentWell', label: 'What went well', max: MAX_COMMENT_CHARS, rows: 3 },
  { field: 'practiseNext', label: 'What to practise next', max: MAX_COMMENT_CHARS, rows: 3 },
];

/** One field of the whole-run review, saved when it loses focus. */
function FieldEditor({ field, label, max, rows, saved, onEdit }: { field: Field; label: string; max: number; rows: number; saved: string; onEdit: (edit: ReviewEdit) => void }) {
  const [draft, setDraft] = useState({ saved, text: saved });
  const text = draft.saved === saved ? draft.text : saved;
  const id = useId();
  const save = () => {
    if (text !== saved) onEdit({ kind: 'run', field, text });
  };
  return (
    <p className="review-field">
      <label htmlFor={id}>{label}</label>
      {rows === 1 ? (
        <input id={id} value={text} maxLength={max} onChange={(e) => setDraft({ saved, text: e.target.value })} onBlur={save} autoComplete="name" />
      ) : (
        <textarea id={id} value={text} maxLength={max} rows={rows} onChange={(e) => setDraft({ saved, text: e.target.value })} onBlur={save} />
      )}
    </p>
  );
}

/**
 * The mentor's review of the whole run: editable for someone else's run (saved as each field
 * loses focus), read for the user's own run.
 */
export function ReviewForm({ review, subject, onEdit }: { review: RunReview | undefined; subject: string; onEdit?: (edit: ReviewEdit) => void }) {
  const id = useId();
  if (!onEdit) {
    if (!review) return null;
    const shown = FIELDS.filter((f) => f.field !== 'reviewer' && review[f.field]);
    return (
      <section aria-labelledby={id} className="review-form">
        <h2 id={id}>
          {review.reviewer ? (
            <>
              <bdi>{review.reviewer}</bdi>’s review
            </>
          ) : (
            'Your mentor’s review'
          )}
        </h2>
        <dl>
          {shown.map(({ field, label }) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd className="walk-comment">{review[field]}</dd>
            </div>
          ))}
        </dl>
        <p className="review-saved">Reviewed on {new Date(review.reviewedAt).toLocaleString()}. The notes on steps are shown in Step by step.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={id} className="review-form">
      <h2 id={id}>Your review of {subject}’s run</h2>
      <p>Saved in this browser as you go, and carried by the review file, the Markdown and the share link.</p>
      {FIELDS.map((f) => (
        <FieldEditor key={f.field} {...f} saved={review?.[f.field] ?? ''} onEdit={onEdit} />
      ))}
      {/* On paper, the texts themselves (a text box prints only what fits in it). */}
      <dl className="print-only">
        {FIELDS.filter((f) => review?.[f.field]).map(({ field, label }) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd className="walk-comment">{review![field]}</dd>
          </div>
        ))}
      </dl>
      {review && <p className="review-saved">Last saved {new Date(review.reviewedAt).toLocaleString()}.</p>}
    </section>
  );
}
