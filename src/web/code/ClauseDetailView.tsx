import { type ReactNode, useEffect } from "react";
import { codeApi } from "../api/client.js";
import type { ClauseDetail, Paragraph, Version } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { type ClausesRoute, routeHref } from "../routes.js";
import { ResourceView } from "../ui/ResourceView.js";
import { ClauseText } from "./ClauseText.js";
import { clauseOf, provisionRoute, referenceTargets } from "./references.js";

type Props = {
  /**
   * The view showing the clause. Its `clause` is the provision selected: a clause ("G2.1") or one
   * of its paragraphs ("G2.1(b)"), which is then highlighted.
   */
  readonly route: ClausesRoute;
  readonly version: Version;
};

/** One clause of one version, its paragraphs indented as the Code nests them, its references as links. */
export function ClauseDetailView({ route, version }: Props): ReactNode {
  const clauseId = clauseOf(route.clause);
  const [clause, reload] = useResource(codeApi.clause(clauseId, version.inForce));
  return (
    <ResourceView resource={clause} what={`clause ${clauseId}`} onRetry={reload}>
      {(data) => (
        <>
          {data.version.label !== version.label && (
            <p className="notice">
              Showing {clauseId} as in force on {version.inForce}, which is version {data.version.label}.
            </p>
          )}
          <ClauseArticle clause={data.clause} from={{ ...route, version: version.label }} />
        </>
      )}
    </ResourceView>
  );
}

type ArticleProps = { readonly clause: ClauseDetail; readonly from: ClausesRoute };

function ClauseArticle({ clause, from }: ArticleProps): ReactNode {
  const target = from.clause;
  const targets = referenceTargets(clause.id, clause.references);
  const linkable = new Set(targets.map(clauseOf));

  useEffect(() => {
    if (target === clause.id) return;
    document.getElementById(paragraphAnchor(target))?.scrollIntoView({ block: "center" });
  }, [target, clause.id]);

  return (
    <article className="clause" aria-labelledby="clause-title">
      <h3 id="clause-title">
        <span className="clause-id">{clause.id}</span> {clause.heading}
      </h3>
      {clause.notUsed ? (
        <p className="not-used">Not used: this number is kept but carries no provision.</p>
      ) : (
        <>
          {(clause.intro || clause.paragraphs.length === 0) && (
            <p>
              <ClauseText text={clause.intro || clause.text} linkable={linkable} from={from} />
            </p>
          )}
          <Paragraphs paragraphs={clause.paragraphs} linkable={linkable} from={from} />
        </>
      )}
      {targets.length > 0 && (
        <nav className="references" aria-label={`Provisions ${clause.id} refers to`}>
          <h4>Refers to</h4>
          <ul>
            {targets.map((to) => (
              <li key={to}>
                <a href={routeHref(provisionRoute(from, to))}>{to.includes(".") ? to : `Part ${to}`}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </article>
  );
}

type ParagraphsProps = {
  readonly paragraphs: readonly Paragraph[];
  readonly linkable: ReadonlySet<string>;
  readonly from: ClausesRoute;
};

function Paragraphs({ paragraphs, linkable, from }: ParagraphsProps): ReactNode {
  if (paragraphs.length === 0) return null;
  return (
    <ol className="paragraphs">
      {paragraphs.map((paragraph) => (
        <li
          key={paragraph.id}
          id={paragraphAnchor(paragraph.id)}
          className={paragraph.id === from.clause ? "target" : undefined}
        >
          <span className="paragraph-label">({paragraph.label})</span>
          <div>
            <ClauseText text={paragraph.text} linkable={linkable} from={from} />
            <Paragraphs paragraphs={paragraph.children} linkable={linkable} from={from} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The element id of a paragraph, for scrolling a referenced paragraph into view. */
function paragraphAnchor(provision: string): string {
  return `provision-${provision}`;
}
