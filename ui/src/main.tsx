import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes, useParams } from "react-router";
import "./styles.css";
import { SessionProvider, RequireSession, useSession } from "./session";
import { Layout } from "./components/Layout";
import { LoginPage } from "./pages/LoginPage";
import { CatalogPage } from "./pages/CatalogPage";
import { Progress } from "./components/Feedback";

const EditorPage = lazy(() => import("./pages/EditorPage"));
const VersionsPage = lazy(() => import("./pages/VersionsPage"));
const SettingsPage = lazy(() => import("./pages/SettingsPage"));
const WorkloadsPage = lazy(() => import("./pages/WorkloadsPage"));

/** A route under one of the loaded kinds (/charts, /kustomize-bases, /manifest-bundles). */
function KindRoute({ children }: { children: (kind: string) => React.ReactNode }) {
  const { kind = "" } = useParams();
  const { server } = useSession();
  if (server && !server.collections.some((c) => c.kind === kind)) return <NotFound />;
  return <>{children(kind)}</>;
}

function NotFound() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to the catalog</a>
      </p>
    </main>
  );
}

function Home() {
  const { server } = useSession();
  return <Navigate to={`/${server?.collections[0]?.kind ?? "charts"}`} replace />;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession><Layout /></RequireSession>}>
            <Route index element={<Home />} />
            <Route path="/settings/*" element={<Suspense fallback={<Progress label="Loading settings" />}><SettingsPage /></Suspense>} />
            <Route path="/workloads" element={<Suspense fallback={<Progress label="Loading workloads" />}><WorkloadsPage /></Suspense>} />
            <Route path="/:kind" element={<KindRoute>{(kind) => <CatalogPage kind={kind} />}</KindRoute>} />
            <Route
              path="/:kind/:name/editor"
              element={<KindRoute>{(kind) => <Suspense fallback={<Progress label="Loading the editor" />}><EditorPage kind={kind} /></Suspense>}</KindRoute>}
            />
            <Route
              path="/:kind/:name/versions"
              element={<KindRoute>{(kind) => <Suspense fallback={<Progress label="Loading versions" />}><VersionsPage kind={kind} /></Suspense>}</KindRoute>}
            />
            <Route path="/:kind/:name" element={<KindRoute>{() => <NavigateToEditor />}</KindRoute>} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);

function NavigateToEditor() {
  const { kind, name } = useParams();
  return <Navigate to={`/${kind}/${name}/editor`} replace />;
}
