/** A select of a conditional run's classes, by name (the latent explorer's class choices). */
import { useApp } from '../../storeContext';

export function ClassPicker({
  id,
  label,
  value,
  disabled,
  onPick,
}: {
  id: string;
  label: string;
  value: number;
  disabled?: boolean;
  onPick: (classIndex: number) => void;
}) {
  const names = useApp((s) => s.dataset?.classNames) ?? [];
  return (
    <span className="latent-class-picker">
      <label htmlFor={id}>{label}</label>{' '}
      <select id={id} value={value} disabled={disabled} onChange={(e) => onPick(Number(e.target.value))}>
        {names.map((name, k) => (
          <option key={k} value={k}>
            {name}
          </option>
        ))}
      </select>
    </span>
  );
}
