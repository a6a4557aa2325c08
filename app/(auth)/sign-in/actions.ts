"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { DEFAULT_LANDING, safeReturnPath } from "@/lib/auth/return-path";
import { credentialsSchema } from "@/lib/auth/credentials";

export interface SignInState {
  email?: string;
  error?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
}

// Only same-site paths: a crafted callbackUrl must not send people elsewhere after sign-in.
const safeCallback = (value: FormDataEntryValue | null): string => safeReturnPath(value) ?? DEFAULT_LANDING;

export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) {
    const flat = parsed.error.flatten().fieldErrors;
    return { email, fieldErrors: { email: flat.email, password: flat.password } };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      // A lock-out, like "passwords are off", reads the same for every email, known or not: no
      // account enumeration.
      const { code, userMessage } = error as { code?: string; userMessage?: string };
      if (code === "locked") return { email, error: userMessage ?? "Too many failed sign-ins for this account. Try again later." };
      if (code === "sso_only") return { email, error: userMessage ?? "Password sign-in is turned off." };
      return { email, error: "Email or password is incorrect" };
    }
    throw error; // the redirect after a successful sign-in travels as an error
  }
}

export async function signInWithProvider(form: FormData): Promise<void> {
  await signIn(String(form.get("provider")), { redirectTo: safeCallback(form.get("callbackUrl")) });
}
