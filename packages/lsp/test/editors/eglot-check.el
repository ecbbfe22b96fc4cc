;;; eglot-check.el --- headless Emacs + eglot as an LSP client for the cdrlint tests -*- lexical-binding: t -*-
;; Opens a fixture with the cdrlint server, waits for flymake diagnostics, asks for a hover,
;; writes what it saw as JSON and exits with its status. Inputs (environment): CDRLINT_LSP_CMD
;; (JSON array), CDRLINT_FIXTURE, CDRLINT_OUT, CDRLINT_HOVER_LINE / CDRLINT_HOVER_COL (0-based),
;; CDRLINT_TIMEOUT_MS.

;; -Q skips site start-up: activate Debian's elpa-* packages (eglot and its newer jsonrpc, project, ...).
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)
(require 'flymake)

(define-derived-mode cdr-test-mode prog-mode "CDR" "Major mode for CDR fixtures in the tests.")

(let* ((cmd (append (json-read-from-string (getenv "CDRLINT_LSP_CMD")) nil))
       (file (getenv "CDRLINT_FIXTURE"))
       (out (getenv "CDRLINT_OUT"))
       (hover-line (string-to-number (getenv "CDRLINT_HOVER_LINE")))
       (hover-col (string-to-number (getenv "CDRLINT_HOVER_COL")))
       (timeout (/ (string-to-number (or (getenv "CDRLINT_TIMEOUT_MS") "15000")) 1000.0))
       (errors '())
       (diags '())
       (hover nil)
       (status 0))
  (condition-case err
      (progn
        (setq eglot-sync-connect timeout)
        (setq eglot-autoreconnect nil)
        ;; The fixture folder is no VC checkout: make it a project so eglot finds its server.
        (let ((dir (file-name-directory file)))
          (add-hook 'project-find-functions (lambda (_d) (cons 'transient dir))))
        (find-file file)
        (cdr-test-mode)
        (eglot '(cdr-test-mode) (project-current) 'eglot-lsp-server cmd "csv")
        (let ((deadline (+ (float-time) timeout)))
          (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
            (accept-process-output nil 0.05)
            (when (and (eglot-current-server) (not (flymake-running-backends)))
              (flymake-start))))
        (unless (flymake-diagnostics) (push (format "no diagnostics within %s s" timeout) errors))
        (dolist (d (flymake-diagnostics))
          (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
            (push `((line . ,(1- (line-number-at-pos beg)))
                    (col . ,(save-excursion (goto-char beg) (current-column)))
                    (end_col . ,(save-excursion (goto-char end) (current-column)))
                    (type . ,(symbol-name (flymake-diagnostic-type d)))
                    (message . ,(flymake-diagnostic-text d)))
                  diags)))
        (goto-char (point-min))
        (forward-line hover-line)
        (forward-char hover-col)
        (let ((res (jsonrpc-request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams)
                                    :timeout timeout)))
          (setq hover (and res (plist-get res :contents)))
          (when (and (listp hover) (plist-get hover :value)) (setq hover (plist-get hover :value)))))
    (error (push (error-message-string err) errors) (setq status 3)))
  (with-temp-file out
    (insert (json-encode `((diagnostics . ,(vconcat (nreverse diags)))
                           (hover . ,hover)
                           (errors . ,(vconcat (nreverse errors)))))))
  (kill-emacs status))
