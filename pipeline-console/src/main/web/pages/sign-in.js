/** The sign-in page: a name and a password, checked by the orchestrator, which sets the session. */
import { ApiError, signIn } from '../api.js';
import { h } from '../dom.js';

/**
 * @param {{main: HTMLElement, onSignedIn: (session: {name: string}) => void}} context
 */
export function signInPage({ main, onSignedIn }) {
  const error = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' });
  const name = h('input', {
    id: 'name',
    name: 'name',
    autocomplete: 'username',
    required: true,
    autofocus: true,
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'page-title', novalidate: true },
    h('h1', { id: 'page-title', tabindex: -1 }, 'Sign in to the console'),
    h('label', { for: 'name' }, 'Name'),
    name,
    h('label', { for: 'password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value || !password.value) {
      showError('Enter your name and password.');
      return;
    }
    submit.disabled = true;
    try {
      onSignedIn(await signIn(name.value, password.value));
    } catch (failure) {
      showError(
        failure instanceof ApiError
          ? failure.message
          : `The orchestrator did not answer: ${failure.message}`,
      );
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  const showError = (message) => {
    error.textContent = message;
    for (const input of [name, password]) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'sign-in-error');
    }
  };
  main.replaceChildren(form);
  name.focus();
}
