import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { externalProviders, ssoOnly } from "@/lib/auth";
import { DEFAULT_LANDING, safeReturnPath } from "@/lib/auth/return-path";
import { getCurrentUser } from "@/lib/session";
import { buttonClass } from "@/components/ui/button";
import { signInWithProvider } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl: asked, error } = await searchParams;
  // Only a path on this site is carried through the form (the actions check again).
  const callbackUrl = safeReturnPath(asked) ?? undefined;
  if (await getCurrentUser()) redirect(callbackUrl ?? DEFAULT_LANDING);
  const providers = externalProviders();
  const passwordsOff = ssoOnly();
  const providerButtons = (
    <form action={signInWithProvider} className="space-y-2">
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      {providers.map((provider) => (
        <button key={provider.id} type="submit" name="provider" value={provider.id} className={buttonClass(passwordsOff ? "primary" : "secondary", "w-full")}>
          Sign in with {provider.name}
        </button>
      ))}
    </form>
  );
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <p className="text-2xl font-bold tracking-tight text-indigo-700">Switchback</p>
          <h1 className="mt-2 text-lg font-semibold text-slate-800">Sign in to coordinate your releases</h1>
        </div>
        <div className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {error && error !== "CredentialsSignin" && (
            <p role="alert" className="text-sm text-red-800">
              That sign-in did not work. Try again, or ask an admin to check your account.
            </p>
          )}
          {passwordsOff ? (
            <>
              {providerButtons}
              {/* The server refuses passwords for everyone else too (lib/auth/credentials.ts). */}
              <details className="border-t border-slate-200 pt-4 text-sm">
                <summary className="cursor-pointer text-slate-600">Break-glass sign-in</summary>
                <p className="my-3 text-slate-600">For the break-glass admins only, when the identity provider cannot be reached.</p>
                <SignInForm callbackUrl={callbackUrl} />
              </details>
            </>
          ) : (
            <>
              <SignInForm callbackUrl={callbackUrl} />
              {providers.length > 0 && <div className="border-t border-slate-200 pt-4">{providerButtons}</div>}
            </>
          )}
        </div>
      </div>
    </main>
  );
}
