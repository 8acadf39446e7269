import { NavLink, Outlet, useNavigate } from "react-router";
import { useSession } from "../session";
import { catalogTitle, roleName } from "../lib/format";

export function Layout() {
  const { user, server, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <div className="app">
      <header className="top">
        <a className="brand" href="/">
          GitOpsHQ
        </a>
        <nav aria-label="Catalogs">
          {server?.collections.map((c) => (
            <NavLink key={c.kind} to={`/${c.kind}`}>
              {catalogTitle(c)}
            </NavLink>
          ))}
          <NavLink to="/workloads">Workloads</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <span className="spacer" />
        <span className="build" title="Server build">
          {server?.version ? `v${server.version}` : ""}
        </span>
        <span aria-label="Signed in as">
          {user?.name || user?.username} <span className="badge">{roleName(user?.role)}</span>
        </span>
        <button
          type="button"
          onClick={async () => {
            await signOut();
            navigate("/login");
          }}
        >
          Sign out
        </button>
      </header>
      <Outlet />
    </div>
  );
}
