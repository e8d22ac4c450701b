/**
 * A document's relations (translation, amends, repeals, refers to): listed with links, added by
 * finding the other document with the quick finder (title or number), removed one by one.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { DocumentView } from '../../../../shared/contract';
import { RELATION_TYPES, type RelationType } from '../../../../shared/domain/kinds';
import type { QuickFindHit } from '../../../../shared/domain/search';
import { useApp } from '../../app/context';
import { formatRoute } from '../../app/routes';
import { ErrorNotice, relationLabel } from '../../app/ui';
import { useI18n } from '../../i18n';

export function Relations(props: { doc: DocumentView; onChanged: (doc: DocumentView) => void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const { doc } = props;
  const [type, setType] = useState<RelationType>('translation_of');
  const [text, setText] = useState('');
  const [found, setFound] = useState<QuickFindHit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    transport
      .withSignal(controller.signal)
      .invoke('search.quickFind', { text: query, limit: 6 })
      .then((hits) => setFound(hits.filter((hit) => hit.id !== doc.id)), () => undefined);
    return () => controller.abort();
  }, [transport, text, doc.id]);

  const run = (action: Promise<DocumentView>): void => {
    setError(null);
    action.then(
      (saved) => {
        props.onChanged(saved);
        setText('');
      },
      (caught: unknown) => setError(caught),
    );
  };

  return (
    <section className="panel relations-panel">
      <h2 className="panel-title">{t('document.relations')}</h2>
      {doc.relations.length === 0 ? (
        <p className="muted">{t('document.relations.none')}</p>
      ) : (
        <ul className="relation-list">
          {doc.relations.map((relation) => (
            <li key={`${relation.direction}-${relation.type}-${relation.otherId}`}>
              <span className="relation-type">
                {relationLabel(t, relation.type)} {relation.direction === 'incoming' ? t('document.relations.incoming') : ''}
              </span>
              <a href={formatRoute({ screen: 'document', id: relation.otherId })}>{relation.otherTitle}</a>
              <button
                type="button"
                className="icon-button"
                aria-label={t('document.relations.remove', { title: relation.otherTitle })}
                onClick={() =>
                  run(
                    transport
                      .invoke('relations.remove', {
                        fromId: relation.direction === 'outgoing' ? doc.id : relation.otherId,
                        toId: relation.direction === 'outgoing' ? relation.otherId : doc.id,
                        type: relation.type,
                      })
                      .then(() => transport.invoke('documents.get', { id: doc.id })),
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="relation-add">
        <summary>{t('document.relations.add')}</summary>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-type`}>
            {t('document.relations.type')}
          </label>
          <select id={`${id}-type`} value={type} onChange={(event) => setType(event.target.value as RelationType)}>
            {RELATION_TYPES.map((code) => (
              <option key={code} value={code}>
                {relationLabel(t, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-target`}>
            {t('document.relations.target')}
          </label>
          <input id={`${id}-target`} type="search" value={text} autoComplete="off" onChange={(event) => setText(event.target.value)} />
        </div>
        {found.length > 0 && (
          <ul className="relation-candidates">
            {found.map((hit) => (
              <li key={hit.id}>
                <button type="button" className="link-button" onClick={() => run(transport.invoke('relations.add', { fromId: doc.id, toId: hit.id, type }))}>
                  {hit.number ? `№ ${hit.number} — ` : ''}
                  {hit.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
