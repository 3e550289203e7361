import type { Theme } from "@/lib/theme";

const OPTIONS: { value: Theme; icon: string; label: string }[] = [
  { value: "light", icon: "☀", label: "Light" },
  { value: "dark", icon: "☾", label: "Dark" },
  { value: "system", icon: "◐", label: "System" },
];

/** Light / dark / follow the system: three buttons in one form posting to a server action. */
export function ThemeToggle({ theme, setTheme }: { theme: Theme; setTheme: (formData: FormData) => Promise<void> }) {
  return (
    <form action={setTheme}>
      <fieldset className="theme-toggle">
        <legend className="visually-hidden">Colour theme</legend>
        {OPTIONS.map((option) => (
          <button key={option.value} type="submit" name="theme" value={option.value} aria-pressed={theme === option.value} title={`${option.label} theme`}>
            <span aria-hidden="true">{option.icon}</span>
            <span className="visually-hidden">{option.label}</span>
          </button>
        ))}
      </fieldset>
    </form>
  );
}
